#!/usr/bin/env bash
# The H2 settings comparison of issue #19: kill -9 rounds against H2 alone (no platform), one
# setting after another, counting what each kill left behind. See BENCHMARKS.md.
# Usage: bench/h2-crash-settings.sh [--settings platform,checkpoint-sync,background,write-delay-0,retention-1s,background-retention-1s]
#                                   [--rounds 200] [--seed 19] [--fresh-every 100] [--dir /tmp/rdk-h2-crash]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl platform-stub -am -DskipTests install
./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd platform-stub
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.royaltydesk.platform.bench.H2CrashSettings "$@"
