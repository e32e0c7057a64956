#!/usr/bin/env bash
# Builds the Linux app image (with a jlinked runtime) and the .deb, then runs the app image's
# --smoke-test under Xvfb. Needs: JDK 17+ (jlink, jpackage, jdeps), fakeroot, dpkg-deb, xvfb-run.
# Output: installers/target/app-image/royalty-desk/ and installers/target/royalty-desk_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
version=$(sed -n 's/^app.version=//p' installers/installer.properties)
out=installers/target
rm -rf "$out" && mkdir -p "$out/fx" "$out/input"

./mvnw -q -B -DskipTests -pl app -am package

# JavaFX goes on the module path (jlinked into the runtime); everything else is the class path app.
cp app/target/lib/javafx-*-linux.jar "$out/fx/"
find app/target/lib -name '*.jar' ! -name 'javafx-*' -exec cp {} "$out/input/" \;
cp app/target/royalty-desk.jar "$out/input/"

# The JDK modules the class-path code needs, as jdeps sees them, plus the ones it cannot see
# (crypto providers, reflection-loaded services).
modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$out/input/*" "$out/input/royalty-desk.jar" 2>/dev/null || true)
modules="${modules:+$modules,}jdk.crypto.ec,jdk.zipfs,jdk.localedata,java.naming,java.management,java.sql,java.net.http,jdk.unsupported"
echo "runtime modules: $modules + javafx.controls,javafx.web"

jpackage --type app-image --dest "$out/app-image" \
  --name royalty-desk --app-version "$version" --vendor "Royalty Desk" \
  --icon installers/icons/royalty-desk.png \
  --module-path "$out/fx" --add-modules "javafx.controls,javafx.web,$modules" \
  --input "$out/input" --main-jar royalty-desk.jar --main-class com.royaltydesk.app.Launcher \
  --java-options "-Xmx512m" --java-options '-XX:SharedArchiveFile=$APPDIR/royalty-desk.jsa' \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --generate-cds-archive"
image="$out/app-image/royalty-desk"

# Class-data sharing (BENCHMARKS.md: start 3.4 s -> 1.6 s): one start of the app records the
# classes it loads; an archive of them, parsed and verified once, is mapped at every start. The
# archive holds the jars' absolute paths, so the .deb carries only the list and its postinst makes
# the archive where the app is installed. With no archive, or one made elsewhere, the JVM starts
# without one, silently.
xvfb-run -a env JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$root/$image/lib/app/royalty-desk.classlist" \
  "$image/bin/royalty-desk" --smoke-test --data-dir "$(mktemp -d)" >/dev/null 2>&1
echo "class list: $(wc -l < "$image/lib/app/royalty-desk.classlist") classes"

jpackage --type deb --dest "$out" --app-image "$image" \
  --name royalty-desk --app-version "$version" --vendor "Royalty Desk" \
  --description "Pays creators whose content trains AI models, and proves it." \
  --icon installers/icons/royalty-desk.png --resource-dir installers/linux/resources \
  --file-associations installers/file-associations/bundle.properties \
  --linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Office --linux-app-category office

# The app image here gets its archive the way the package's postinst makes one (for the smoke
# test below and bench/app-startup.sh).
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$root/$image/lib/app/royalty-desk.classlist -XX:SharedArchiveFile=$root/$image/lib/app/royalty-desk.jsa" \
  "$image/bin/royalty-desk" >/dev/null 2>&1
ls -l "$image/lib/app/royalty-desk.jsa"

# The smoke test: the built app starts its embedded platform, opens its window, reports healthy.
smoke_dir=$(mktemp -d)
start=$(date +%s%N)
xvfb-run -a "$image/bin/royalty-desk" --smoke-test --data-dir "$smoke_dir"
echo "app image smoke test passed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
ls -l "$out"/*.deb
du -sh "$image"
