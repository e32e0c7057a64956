#!/usr/bin/env bash
# Where ingestion's time and disk go inside H2 (issue #15): rows of the usage_events shape into a
# fresh H2 file per table layout, one thread, no HTTP; prints rows/s and bytes per row. See BENCHMARKS.md.
# Usage: bench/h2-row-cost.sh [rows, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl platform-stub -am -DskipTests install
./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd platform-stub
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.royaltydesk.platform.bench.H2RowCost "$@"
