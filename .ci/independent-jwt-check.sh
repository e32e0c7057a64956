#!/usr/bin/env bash
# The trust core checked from outside, against the platform started from its jar (--sandbox, fresh
# data dir): sign up, register an asset, record proof-of-training, fetch the receipt and the JWKS,
# and verify the receipt with jose on Node — a library the platform does not use — and the log
# checkpoint note with node:crypto against the trust root.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
source .ci/start-platform-jar.sh
trap 'stop_platform_jar; rm -rf "$work"' EXIT
start_platform_jar "$work" --sandbox
url=$PLATFORM_URL

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
platform_key=$(json "['platform_key']" <"$work/data/sandbox-credentials.json")

signup=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"display_name":"CI creator"}' "$url/v1/creators")
creator_id=$(echo "$signup" | json "['creator_id']")
creator_key=$(echo "$signup" | json "['api_key']")

printf 'independent check content %s\n' "$(date +%s%N)" >"$work/content.bin"
sha=$(sha256sum "$work/content.bin" | cut -d' ' -f1)
size=$(stat -c %s "$work/content.bin")
asset=$(curl -sf -X POST -H "Authorization: Bearer $creator_key" -H 'Content-Type: application/json' \
  -d "{\"name\":\"ci asset\",\"license\":\"cc-by-4.0\",\"price_model\":{\"type\":\"per_use\",\"rate\":0.0001},\"content_hashes\":[\"sha256:$sha\"],\"size_bytes\":$size}" \
  "$url/v1/assets")
asset_id=$(echo "$asset" | json "['asset_id']")
upload_url=$(echo "$asset" | json "['upload_url']")
curl -sf -X PUT -H "Authorization: Bearer $creator_key" -H 'Content-Type: application/octet-stream' \
  --data-binary @"$work/content.bin" "$upload_url" >/dev/null

recorded=$(curl -sf -X POST -H "Authorization: Bearer $platform_key" -H 'Content-Type: application/json' \
  -d "{\"dataset_id\":\"$asset_id\",\"creator_id\":\"$creator_id\",\"model_id\":\"model_xyz\",\"artifact_hash\":\"sha256:$(printf '%064d' 7)\",\"metadata\":{\"license\":\"cc-by-4.0\",\"portion_used\":0.12}}" \
  "$url/v1/proof-of-training")
receipt_id=$(echo "$recorded" | json "['receipt_id']")
curl -sf -H "Authorization: Bearer $creator_key" "$url/v1/receipts/$receipt_id" | json "['receipt_jwt']" >"$work/receipt.jwt"
curl -sf "$url/.well-known/jwks.json" >"$work/jwks.json"

(cd .ci/independent-jwt-check && npm ci --no-audit --no-fund --silent)
node .ci/independent-jwt-check/check.mjs "$work/receipt.jwt" "$work/jwks.json"

# The checkpoint note, checked with node:crypto against the trust root's checkpoint vkey.
curl -sf "$url/v1/log/checkpoint" >"$work/checkpoint.txt"
curl -sf -H 'Accept: application/json' "$url/v1/log/checkpoint" >"$work/checkpoint.json"
curl -sf "$url/.well-known/rdk-trust-root.json" >"$work/trust-root.json"
node .ci/independent-jwt-check/checkpoint.mjs "$work/checkpoint.txt" "$work/trust-root.json" "$work/checkpoint.json"
