#!/usr/bin/env bash
# Builds the platform jar and runs the receipts load generator against it: receipts issued at peak and
# at half the peak, then every issued receipt's inclusion proof verified against the log's checkpoint.
# Usage: bench/receipts.sh [--threads 8] [--seconds 15] [--batch N] [--half-batch M]   (SKIP_BUILD=1 reuses the last build)
set -euo pipefail
exec "$(dirname "$0")/platform-bench-main.sh" ReceiptsBenchmark --jar target/platform-stub.jar "$@"
