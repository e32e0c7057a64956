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

$SUDO dpkg --purge royalty-desk >/dev/null
trap - EXIT
if [ -e "$installed" ]; then echo "removing the package left $installed behind" >&2; exit 1; fi
echo "installed .deb: removed cleanly"
