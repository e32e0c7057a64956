#!/usr/bin/env bash
# Builds the platform jar and runs the ingestion load generator against it.
# Usage: bench/ingestion.sh [--threads 4] [--seconds 20] [--report-events 10000000]
set -euo pipefail
exec "$(dirname "$0")/platform-bench-main.sh" IngestionBenchmark --jar target/platform-stub.jar "$@"
