#!/usr/bin/env bash
# Starts the installed-form app (the jpackage app image) N times under Xvfb with a fresh data
# folder each time, and prints how long until it was usable (window shown, embedded platform up,
# health checked) counted from process launch, its resident memory at that moment, and when each
# step of start-up finished (main, toolkit, window, first frame, platform).
# Usage: bench/app-startup.sh [runs=5]        (SKIP_BUILD=1 reuses the last built app image)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=installers/target/app-image/royalty-desk/bin/royalty-desk
if [[ "${SKIP_BUILD:-0}" != 1 || ! -x "$image" ]]; then
  bash installers/linux/build.sh >/dev/null
fi
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure <label> <data-dir or "fresh"> [app flags…]
measure() {
  local label=$1 reuse=$2 times=() mems=() privs=() data line
  shift 2
  for i in $(seq "$runs"); do
    data=${reuse/fresh/$(mktemp -d)}
    line=$(xvfb-run -a "$image" --smoke-test --data-dir "$data" "$@" | grep '^smoke test passed')
    [[ $reuse == fresh ]] && rm -rf "$data"
    [[ "$line" =~ usable\ ([0-9]+)\ ms.*memory\ ([0-9]+)\ MB\ \(private\ ([0-9]+)\ MB ]] || { echo "no figures in: $line" >&2; exit 1; }
    times+=("${BASH_REMATCH[1]}") mems+=("${BASH_REMATCH[2]}") privs+=("${BASH_REMATCH[3]}")
    echo "$label run $i: usable after ${BASH_REMATCH[1]} ms, resident ${BASH_REMATCH[2]} MB (private ${BASH_REMATCH[3]} MB) · ${line##*· }"
  done
  echo "$label median of $runs: usable after $(median "${times[@]}") ms, resident $(median "${mems[@]}") MB (private $(median "${privs[@]}") MB)"
}

# First start: a fresh data folder each time, so the sandbox is created and seeded every run —
# bare, and as a user gets it, with the year of demo history the platform makes on its first start.
measure "first start, bare sandbox" fresh --no-demo-history
measure "first start with demo history" fresh
# Later starts: one folder, seeded once beforehand, as a returning user has it.
returning=$(mktemp -d)
xvfb-run -a "$image" --smoke-test --data-dir "$returning" >/dev/null
measure "later start" "$returning"
rm -rf "$returning"
