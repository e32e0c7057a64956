#!/usr/bin/env bash
# Builds the platform jar and runs the receipts load generator against it: receipts issued at peak and
# at half the peak, then every issued receipt's inclusion proof verified against the log's checkpoint.
# Usage: bench/receipts.sh [--threads 8] [--seconds 15]      (SKIP_BUILD=1 reuses the last build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -pl platform-stub -am -DskipTests install
  ./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
cd platform-stub
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.royaltydesk.platform.bench.ReceiptsBenchmark --jar target/platform-stub.jar "$@"
