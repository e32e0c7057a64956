#!/usr/bin/env bash
# Builds the platform (skipped with SKIP_BUILD=1 once built) and runs one of its benchmark classes
# (platform-stub/src/test/java/…/bench) from platform-stub/ with the test class path. BENCH_HEAP
# sets the harness's own -Xmx. The other bench/*.sh scripts are this with their class.
# Usage: bench/platform-bench-main.sh CLASS [ARG…]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -pl platform-stub -am -DskipTests install
  ./mvnw -q -B -pl platform-stub dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
main=$1
shift
cd platform-stub
# VFORK, not the default jspawnhelper: an apt upgrade of the JDK while a long run goes on (a CI run
# installing its packages did, in session 13) leaves a helper that refuses the running JVM, and every
# later start of the platform fails ("Failed to exec spawn helper").
exec java ${BENCH_HEAP:+-Xmx$BENCH_HEAP} -Djdk.lang.Process.launchMechanism=VFORK -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  "com.royaltydesk.platform.bench.$main" "$@"
