# Builds the Windows app image with a jlinked runtime, runs its --smoke-test (the app starts its
# embedded platform, opens its window, reports healthy, exits 0), then the .msi from that image.
# Needs JDK 17+ and WiX Toolset 3 on the PATH (JDK 17's jpackage cannot use WiX 4+; GitHub's
# windows-latest no longer carries WiX 3, so the workflow installs it).
# Output: installers\target\app-image\royalty-desk\ and installers\target\royalty-desk-<version>.msi
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = (Get-Content installers\installer.properties | Where-Object { $_ -like "app.version=*" }).Split("=")[1]
$out = "installers\target"
Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$out\fx", "$out\input" | Out-Null
.\mvnw.cmd -q -B -DskipTests -pl app -am package
Copy-Item app\target\lib\javafx-*-win.jar "$out\fx\"
Get-ChildItem app\target\lib\*.jar | Where-Object { $_.Name -notlike "javafx-*" } | Copy-Item -Destination "$out\input\"
Copy-Item app\target\royalty-desk.jar "$out\input\"
$modules = "java.desktop,java.logging,java.naming,java.management,java.sql,java.net.http,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.localedata,java.compiler,java.instrument,java.scripting,java.security.jgss,jdk.jsobject,jdk.management,jdk.net"
jpackage --type app-image --dest "$out\app-image" --name royalty-desk --app-version $version --vendor "Royalty Desk" `
  --module-path "$out\fx" --add-modules "javafx.controls,javafx.web,$modules" `
  --input "$out\input" --main-jar royalty-desk.jar --main-class com.royaltydesk.app.Launcher `
  --java-options "-Xmx512m" --icon installers\icons\royalty-desk.ico `
  --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
if ($LASTEXITCODE -ne 0) { throw "jpackage app-image failed" }

# The smoke test, on a fresh data folder; a GUI launcher has no console, so the exit code speaks.
$smokeData = Join-Path ([System.IO.Path]::GetTempPath()) ("rdk-smoke-" + [guid]::NewGuid())
$smoke = Start-Process -FilePath "$out\app-image\royalty-desk\royalty-desk.exe" `
  -ArgumentList @("--smoke-test", "--data-dir", "`"$smokeData`"") -Wait -PassThru
if ($smoke.ExitCode -ne 0) { throw "app image smoke test failed with exit code $($smoke.ExitCode)" }
Write-Output "app image smoke test passed"

jpackage --type msi --dest $out --app-image "$out\app-image\royalty-desk" `
  --name royalty-desk --app-version $version --vendor "Royalty Desk" `
  --win-menu --win-shortcut --win-dir-chooser `
  --file-associations installers\file-associations\bundle-windows.properties
if ($LASTEXITCODE -ne 0) { throw "jpackage msi failed" }
