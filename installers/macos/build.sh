#!/usr/bin/env bash
# Builds the macOS .dmg with a jlinked runtime. Needs JDK 17+ (on GitHub's macos-latest).
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
modules="java.desktop,java.logging,java.naming,java.management,java.sql,java.net.http,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.localedata"
jpackage --type dmg --dest "$out" --name royalty-desk --app-version "$version" --vendor "Royalty Desk" \
  --module-path "$out/fx" --add-modules "javafx.controls,javafx.web,$modules" \
  --input "$out/input" --main-jar royalty-desk.jar --main-class com.royaltydesk.app.Launcher \
  --java-options "-Xmx512m" --mac-package-name "Royalty Desk" \
  --icon installers/icons/royalty-desk.icns \
  --file-associations installers/file-associations/bundle-macos.properties \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
