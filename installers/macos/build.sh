#!/usr/bin/env bash
# Builds the macOS app image with a jlinked runtime, runs its --smoke-test (the app starts its
# embedded platform, opens its window, reports healthy, exits 0), then the .dmg from that image.
# Needs JDK 17+ (on GitHub's macos-latest; its runners have a display).
# Output: installers/target/royalty-desk-<version>.dmg (unsigned: signing needs a Developer ID).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^app.version=//p' installers/installer.properties)
out=installers/target
rm -rf "$out" && mkdir -p "$out/fx" "$out/input"
./mvnw -q -B -DskipTests -pl app -am package
cp app/target/lib/javafx-*-mac*.jar "$out/fx/"
find app/target/lib -name '*.jar' ! -name 'javafx-*' -exec cp {} "$out/input/" \;
cp app/target/royalty-desk.jar "$out/input/"
modules="java.desktop,java.logging,java.naming,java.management,java.sql,java.net.http,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.localedata,java.compiler,java.instrument,java.scripting,java.security.jgss,jdk.jsobject,jdk.management,jdk.net"
jpackage --type app-image --dest "$out/app-image" --name royalty-desk --app-version "$version" --vendor "Royalty Desk" \
  --module-path "$out/fx" --add-modules "javafx.controls,javafx.web,$modules" \
  --input "$out/input" --main-jar royalty-desk.jar --main-class com.royaltydesk.app.Launcher \
  --java-options "-Xmx512m" --mac-package-name "Royalty Desk" \
  --icon installers/icons/royalty-desk.icns \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
image="$out/app-image/royalty-desk.app"

# The smoke test, on a fresh data folder.
"$image/Contents/MacOS/royalty-desk" --smoke-test --data-dir "$(mktemp -d)"
echo "app image smoke test passed"

jpackage --type dmg --dest "$out" --app-image "$image" \
  --name royalty-desk --app-version "$version" --vendor "Royalty Desk" \
  --file-associations installers/file-associations/bundle-macos.properties
