#!/usr/bin/env bash
# The Receipts view with many receipts on a real (virtual) display: fills a sandbox platform,
# pages every receipt into the table, waits for every signature state, scrolls end to end and
# filters, and prints how long each FX-thread handler and layout pulse took.
# Usage: bench/receipts-table.sh [receipts=100000]     (SKIP_BUILD=1 reuses the last build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -pl app -am -DskipTests install
  ./mvnw -q -B -pl app test-compile
fi
./mvnw -q -B -pl app dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd app
run=(java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
  com.royaltydesk.app.bench.ReceiptsTableBenchmark "${1:-100000}")
if [[ -n "${DISPLAY:-}" ]]; then "${run[@]}"; else xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}"; fi
