#!/usr/bin/env bash
# How long a new sandbox's year of demo history takes to make (issue #16, decision 0020): starts the
# platform jar N times on a fresh folder with --sandbox --demo-history and prints the platform's own
# summary line (what it made and in how many ms), then the folder's size.
# Usage: bench/demo-history.sh [runs=3]      (SKIP_BUILD=1 reuses platform-stub/target/platform-stub.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=platform-stub/target/platform-stub.jar
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  ./mvnw -q -B -pl platform-stub -am -DskipTests package
fi
for i in $(seq "$runs"); do
  data=$(mktemp -d)
  java -Xmx256m -jar "$jar" --sandbox --demo-history --port 0 --data-dir "$data" >"$data/stdout" 2>"$data/stderr" &
  pid=$!
  for _ in $(seq 120); do grep -q 'listening on' "$data/stdout" && break; sleep 0.5; done
  echo "run $i: $(grep -o 'Demo history made.*' "$data/stderr") · folder $(du -sh "$data" | cut -f1)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
