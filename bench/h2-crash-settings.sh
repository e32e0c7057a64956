#!/usr/bin/env bash
# The H2 settings comparison of issue #19: kill -9 rounds against H2 alone (no platform), one
# setting after another, counting what each kill left behind. See BENCHMARKS.md.
# Usage: bench/h2-crash-settings.sh [--settings platform,checkpoint-sync,background,write-delay-0,retention-1s,background-retention-1s]
#                                   [--rounds 200] [--seed 19] [--fresh-every 100] [--dir /tmp/rdk-h2-crash]
set -euo pipefail
exec "$(dirname "$0")/platform-bench-main.sh" H2CrashSettings "$@"
