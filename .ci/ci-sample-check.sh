#!/usr/bin/env bash
# Runs demos/ci/publish-demos.sh for real against the platform jar (sandbox keys), twice, and
# checks what it published: the demo pages, the receipt and its bundle, and that a rerun reuses
# the same asset and receipt.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
source .ci/start-platform-jar.sh
trap 'stop_platform_jar; rm -rf "$work"' EXIT
start_platform_jar "$work" --sandbox
creds="$work/data/sandbox-credentials.json"
key() { python3 -c "import json; d=json.load(open('$creds')); print($1)"; }
printf 'dataset published by CI %s\n' "$(date +%s%N)" >"$work/dataset.txt"

run() {
  RDK_API_URL=$PLATFORM_URL \
  RDK_CREATOR_KEY=$(key "d['creators'][0]['api_key']") RDK_PLATFORM_KEY=$(key "d['platform_key']") \
  RDK_ASSET_FILE="$work/dataset.txt" RDK_MODEL_ID=ci-model RDK_OUT_DIR="$work/site-$1" \
    bash demos/ci/publish-demos.sh
}
run 1
run 2
for page in index.html demo-verify.html demo-bundle-verify.html demo-request-receipt.html demo-billing-preview.html receipt.html trust-root.json; do
  [ -s "$work/site-1/$page" ] || { echo "missing $page" >&2; exit 1; }
done
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
first = json.load(open(work + "/site-1/receipt.json"))
second = json.load(open(work + "/site-2/receipt.json"))
bundle = json.load(open(work + "/site-1/receipt.bundle.json"))
assert first["receipt_id"] == second["receipt_id"], "a rerun must reuse the receipt"
assert bundle["format"] == "rdk-receipt-bundle/2" and bundle["receipt_jwt"] == first["receipt_jwt"], "bundle"
assert bundle["inclusion_proof"]["tree_size"] >= 1 and bundle["checkpoint"]["note"], "bundle proof and checkpoint"
root = json.load(open(work + "/site-1/trust-root.json"))
assert root["media_type"] == "application/vnd.royaltydesk.trust-root.v1+json" and root["keys"], "trust root beside the pages"
page = open(work + "/site-1/receipt.html").read()
assert first["receipt_id"] in page and "demo-verify.html?api=" in page, "receipt page links"
print("CI sample passed: receipt", first["receipt_id"], "published with its bundle; rerun idempotent")
PY
