#!/usr/bin/env bash
# Builds the platform jar and runs the crash benchmark of issue #19 against it: kill -9 during
# concurrent ingestion and receipt issuing, restart, check that nothing acknowledged was lost.
# Usage: bench/crash-rounds.sh [--rounds 500] [--seed 19]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl platform-stub -am -DskipTests install
./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd platform-stub
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.royaltydesk.platform.bench.CrashRounds --jar target/platform-stub.jar "$@"
