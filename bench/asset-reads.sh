#!/usr/bin/env bash
# Asset reads against the receipts table (V13's index): fills a fresh sandbox platform (the built
# jar) with N receipts for the demo creator's dataset, times GET /v1/assets/{id} and GET /v1/assets
# (100 each after 100 warm-up reads, p50/p99) — with USAGE usage events beside them, so the
# receipts compete for H2's page cache as in a platform in use — then drops the index on the same
# data, as every database was before V13, and times them again. Needs python3. Usage: bench/asset-reads.sh [N=10000] [USAGE=0]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${SKIP_BUILD:-0}" == 1 ]] || ./mvnw -q -B -pl platform-stub -am -DskipTests package
JAR=$PWD/platform-stub/target/platform-stub.jar
DIR=$(mktemp -d)
trap 'kill "${P:-0}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
start() {
  java -jar "$JAR" --port 0 --sandbox --data-dir "$DIR/data" > "$DIR/out" 2> "$DIR/err" &
  P=$!
  for _ in $(seq 1 1200); do grep -q listening "$DIR/out" 2>/dev/null && break; sleep 0.05; done
  BASE=$(sed 's/.*listening on //' "$DIR/out")
}
credential() { python3 -c "import json,sys;d=json.load(open(sys.argv[1]));print(eval(sys.argv[2]))" "$DIR/data/sandbox-credentials.json" "$1"; }
start
PK=$(credential "d['platform_key']")
CK=$(credential "d['creators'][0]['api_key']")
RECEIPT=$(python3 bench/asset-reads.py fill "$BASE" "$PK" "${1:-10000}")
HK=$(credential "d['host_key']")
python3 bench/asset-reads.py usage "$BASE" "$HK" "$RECEIPT" "${2:-0}"
kill "$P"; wait "$P" || true
# Each phase on a new JVM, warmed by the same reads: the data is the same, only the index differs.
start
echo "${1:-10000} receipts and ${2:-0} usage events, with the index (V13):"
python3 bench/asset-reads.py time "$BASE" "$CK"
kill "$P"; wait "$P" || true
java -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:$DIR/data/royaltydesk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user "" -password "" -sql "DROP INDEX receipts_by_dataset" > /dev/null
start
echo "the same data without the index (as before V13):"
python3 bench/asset-reads.py time "$BASE" "$CK"
