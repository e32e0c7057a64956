#!/usr/bin/env bash
# Where ingestion's time and disk go inside H2 (issue #15): rows of the usage_events shape into a
# fresh H2 file per table layout, one thread, no HTTP; prints rows/s and bytes per row. See BENCHMARKS.md.
# Usage: bench/h2-row-cost.sh [rows, default 200000]
set -euo pipefail
BENCH_HEAP=512m exec "$(dirname "$0")/platform-bench-main.sh" H2RowCost "$@"
