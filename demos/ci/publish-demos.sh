#!/usr/bin/env bash
# The seed's "sample GitHub Actions" step: register an asset, record proof-of-training for it, and
# publish the static demo pages — with this receipt and its offline bundle — to a folder ready for
# any CDN. Safe to rerun: the same content finds its existing asset, and the same asset + model +
# artifact reuses its receipt (Idempotency-Key).
#
# Environment:
#   RDK_API_URL       platform base URL, e.g. https://api.example.com (required)
#   RDK_CREATOR_KEY   creator key that owns the asset (required)
#   RDK_PLATFORM_KEY  platform key that records proof-of-training (required)
#   RDK_ASSET_FILE    the file to register (required)
#   RDK_MODEL_ID      model trained on it (default: ci-model)
#   RDK_ARTIFACT_HASH sha256:<hex> of the trained artifact (default: hash of "$RDK_MODEL_ID")
#   RDK_LICENSE       license of the asset (default: cc-by-4.0)
#   RDK_OUT_DIR       output folder (default: ./demo-site)
set -euo pipefail
: "${RDK_API_URL:?set RDK_API_URL}" "${RDK_CREATOR_KEY:?set RDK_CREATOR_KEY}" "${RDK_PLATFORM_KEY:?set RDK_PLATFORM_KEY}"
: "${RDK_ASSET_FILE:?set RDK_ASSET_FILE}"
model="${RDK_MODEL_ID:-ci-model}"
license="${RDK_LICENSE:-cc-by-4.0}"
out="${RDK_OUT_DIR:-./demo-site}"
api="${RDK_API_URL%/}"
demos="$(cd "$(dirname "$0")/.." && pwd)"
artifact="${RDK_ARTIFACT_HASH:-sha256:$(printf '%s' "$model" | sha256sum | cut -d' ' -f1)}"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
call() { # method path key [body] -> body; fails on HTTP errors other than the ones the caller expects
  curl -sS -X "$1" "$api$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data "$4"} -w '\n%{http_code}'
}

sha=$(sha256sum "$RDK_ASSET_FILE" | cut -d' ' -f1)
size=$(stat -c %s "$RDK_ASSET_FILE")
name=$(basename "$RDK_ASSET_FILE")
response=$(call POST /v1/assets "$RDK_CREATOR_KEY" \
  "{\"name\":\"$name\",\"license\":\"$license\",\"price_model\":{\"type\":\"per_use\",\"rate\":0.0001},\"content_hashes\":[\"sha256:$sha\"],\"size_bytes\":$size}")
status=${response##*$'\n'}; body=${response%$'\n'*}
if [ "$status" = 201 ]; then
  asset_id=$(echo "$body" | json "d['asset_id']")
  upload_url=$(echo "$body" | json "d['upload_url']")
  curl -sSf -X PUT -H "Authorization: Bearer $RDK_CREATOR_KEY" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$RDK_ASSET_FILE" "$upload_url" >/dev/null
  echo "registered and uploaded $name as $asset_id"
elif [ "$status" = 409 ]; then
  asset_id=$(curl -sSf "$api/v1/assets?limit=200" -H "Authorization: Bearer $RDK_CREATOR_KEY" \
    | json "next(a['asset_id'] for a in d['assets'] if 'sha256:$sha' in a['content_hashes'])")
  echo "$name is already registered as $asset_id"
else
  echo "asset registration failed ($status): $body" >&2; exit 1
fi

creator_id=$(curl -sSf "$api/v1/assets/$asset_id" -H "Authorization: Bearer $RDK_CREATOR_KEY" | json "d['creator_id']")
recorded=$(curl -sSf -X POST "$api/v1/proof-of-training" -H "Authorization: Bearer $RDK_PLATFORM_KEY" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: ci-$asset_id-$model-${artifact#sha256:}" \
  --data "{\"dataset_id\":\"$asset_id\",\"creator_id\":\"$creator_id\",\"model_id\":\"$model\",\"artifact_hash\":\"$artifact\",\"metadata\":{\"license\":\"$license\",\"portion_used\":1}}")
receipt_id=$(echo "$recorded" | json "d['receipt_id']")
echo "proof-of-training recorded: receipt $receipt_id"

mkdir -p "$out"
cp "$demos"/*.html "$out/"
echo "$recorded" >"$out/receipt.json"
curl -sSf "$api/v1/receipts/$receipt_id/bundle" -H "Authorization: Bearer $RDK_CREATOR_KEY" >"$out/receipt.bundle.json"
# The verify pages trust the root beside them (SPEC §6), never the API a visitor points them at.
curl -sSf "$api/.well-known/rdk-trust-root.json" >"$out/trust-root.json"
encoded_api=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=''))" "$api")
cat >"$out/receipt.html" <<HTML
<!doctype html><meta charset="utf-8"><title>Receipt $receipt_id</title>
<p>Proof-of-training receipt <code>$receipt_id</code> for <code>$name</code> (model <code>$model</code>).</p>
<ul>
<li><a href="demo-verify.html?api=$encoded_api&amp;receipt=$receipt_id">Verify it live</a></li>
<li><a href="receipt.bundle.json" download>Download the offline bundle</a>, then check it with <a href="demo-bundle-verify.html">the offline verifier</a></li>
</ul>
HTML
echo "published $(ls "$out" | wc -l) files to $out"
