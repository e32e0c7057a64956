# Builds the Windows .msi with a jlinked runtime. Needs JDK 17+ and WiX Toolset 3 on the PATH
# (preinstalled on GitHub's windows-latest). Output: installers\target\royalty-desk-<version>.msi
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
$modules = "java.desktop,java.logging,java.naming,java.management,java.sql,java.net.http,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.localedata"
jpackage --type msi --dest $out --name royalty-desk --app-version $version --vendor "Royalty Desk" `
  --module-path "$out\fx" --add-modules "javafx.controls,javafx.web,$modules" `
  --input "$out\input" --main-jar royalty-desk.jar --main-class com.royaltydesk.app.Launcher `
  --java-options "-Xmx512m" --win-menu --win-shortcut --win-dir-chooser `
  --icon installers\icons\royalty-desk.ico `
  --file-associations installers\file-associations\bundle-windows.properties `
  --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
