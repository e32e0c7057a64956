#!/usr/bin/env bash
# Builds the platform jar and runs the ingestion load generator against it.
# Usage: bench/ingestion.sh [--threads 4] [--seconds 20] [--report-events 10000000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl platform-stub -am -DskipTests install
./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd platform-stub
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.royaltydesk.platform.bench.IngestionBenchmark --jar target/platform-stub.jar "$@"
