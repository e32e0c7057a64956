#!/usr/bin/env bash
# Installs the .deb the installer build made the way a user would (apt resolves what it depends on),
# checks that its postinst made the class-data archive, runs the installed app's smoke test under
# Xvfb, and removes the package again — nothing of it left behind.
# Usage: bash .ci/deb-install-check.sh [path/to/royalty-desk_*.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

deb="${1:-$(ls installers/target/royalty-desk_*.deb | head -1)}"
case "$deb" in /*) ;; *) deb="./$deb" ;; esac
$SUDO apt-get install -y --no-install-recommends "$deb" >/dev/null
remove() { $SUDO dpkg --purge royalty-desk >/dev/null 2>&1 || true; }
trap remove EXIT

installed=/opt/royalty-desk/bin/royalty-desk
test -x "$installed" || { echo "the package did not install $installed" >&2; exit 1; }
test -s /opt/royalty-desk/lib/app/royalty-desk.jsa \
  || { echo "the package's postinst made no class-data archive" >&2; exit 1; }
xvfb-run -a "$installed" --smoke-test --data-dir "$(mktemp -d)"
echo "installed .deb: smoke test passed"

# Receipt bundles open in the Review window from the file manager (issue #18): the package declares
# the type for *.bundle.json and *.rdkbundle with an icon, its desktop entry takes files (%F), and
# what a double-click runs — the installed app given the files — opens the Review window with no
# platform and checks each file.
lib=/opt/royalty-desk/lib
for glob in '\*.bundle.json' '\*.rdkbundle'; do
  grep -q "glob pattern=\"$glob\"" "$lib"/royalty-desk-royalty-desk-MimeInfo.xml \
    || { echo "the package declares no type for $glob" >&2; exit 1; }
done
[ -s "$lib/application-vnd.royaltydesk.receipt-bundle+json.png" ] \
  || { echo "the package carries no icon for receipt bundles" >&2; exit 1; }
grep -q '^MimeType=application/vnd.royaltydesk.receipt-bundle+json' "$lib"/royalty-desk-royalty-desk.desktop \
  || { echo "the desktop entry does not take receipt bundles" >&2; exit 1; }
grep -q '^Exec=.* %F$' "$lib"/royalty-desk-royalty-desk.desktop \
  || { echo "the desktop entry is not given the files opened with it" >&2; exit 1; }
review=$(mktemp -d)
echo '{}' > "$review/opened from the file manager.bundle.json"
echo '{}' > "$review/sent from Windows.rdkbundle"
said=$(xvfb-run -a "$installed" --data-dir "$review/data" --smoke-test \
  "$review/opened from the file manager.bundle.json" "$review/sent from Windows.rdkbundle")
echo "$said"
for name in "opened from the file manager.bundle.json" "sent from Windows.rdkbundle"; do
  echo "$said" | grep -q "review smoke test: $review/$name: MALFORMED" \
    || { echo "$name given to the installed app did not open in the Review window" >&2; exit 1; }
done
if [ -e "$review/data/platform" ]; then echo "opening a bundle started a platform" >&2; exit 1; fi
echo "installed .deb: a bundle opens in the Review window"

$SUDO dpkg --purge royalty-desk >/dev/null
trap - EXIT
if [ -e "$installed" ]; then echo "removing the package left $installed behind" >&2; exit 1; fi
echo "installed .deb: removed cleanly"
