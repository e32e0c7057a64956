#!/usr/bin/env bash
# Builds the platform jar and runs the crash benchmark of issue #19 against it: kill -9 during
# concurrent ingestion and receipt issuing, restart, check that nothing acknowledged was lost.
# Usage: bench/crash-rounds.sh [--rounds 500] [--seed 19] [--batch-pause-ms 0] [--receipt-batch 0]
set -euo pipefail
exec "$(dirname "$0")/platform-bench-main.sh" CrashRounds --jar target/platform-stub.jar "$@"
