#!/usr/bin/env python3
"""End to end against the platform started from its jar, with nothing but the Python standard
library: a webhook receiver, usage for last month, a settlement, the payout, the statement (its
digest recomputed from the documented canonical form) and the signed webhooks that arrive."""
import base64, hashlib, hmac, http.server, json, os, subprocess, sys, tempfile, threading, time, urllib.request
from datetime import datetime, timedelta, timezone
from decimal import Decimal

JAR = sys.argv[1] if len(sys.argv) > 1 else "platform-stub/target/platform-stub.jar"
received = []

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received.append((dict(self.headers), body))
        self.send_response(200); self.end_headers()
    def log_message(self, *args): pass

def call(method, url, key=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if key: req.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return r.status, (json.loads(text, parse_float=Decimal) if text else None)

def check(condition, message):
    if not condition: sys.exit("FAILED: " + message)

def canonical(line):
    amount = Decimal(str(line["amount"])).normalize()
    amount = "0" if amount == 0 else format(amount, "f")
    fields = [line["kind"], line.get("asset_id") or "", line.get("model_id") or "", ",".join(line["receipt_ids"]),
              str(line["events"]), str(line["tokens"]), amount, line["currency"], line.get("ref") or ""]
    return "|".join(fields) + "\n"

data = tempfile.mkdtemp()
server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
out = open(os.path.join(data, "out.txt"), "w")
platform = subprocess.Popen(["java", "-jar", JAR, "--port", "0", "--sandbox", "--data-dir", os.path.join(data, "d")],
                            stdout=out, stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        line = open(os.path.join(data, "out.txt")).read().strip()
        if line: break
        time.sleep(0.1)
    base = line.replace("Royalty Desk platform listening on ", "")
    creds = json.load(open(os.path.join(data, "d", "sandbox-credentials.json")))
    pk, hk, ck = creds["platform_key"], creds["host_key"], creds["creators"][0]["api_key"]

    _, hook = call("POST", base + "/v1/webhook-endpoints", pk,
                   {"url": "http://127.0.0.1:%d/hook" % server.server_port, "event_types": ["settlement.completed", "payout.paid"]})
    _, receipt = call("POST", base + "/v1/proof-of-training", pk, {
        "dataset_id": "ds_sandbox_demo", "creator_id": "creator_42", "model_id": "model_xyz",
        "artifact_hash": "sha256:" + "ef" * 32, "metadata": {"license": "cc-by-4.0", "portion_used": 0.12}})
    first_of_month = datetime.now(timezone.utc).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_month = (first_of_month - timedelta(hours=1))
    period = last_month.strftime("%Y-%m")
    events = [{"event_id": "ci-%d" % i, "model_id": "model_xyz", "timestamp": last_month.isoformat().replace("+00:00", "Z"),
               "tokens": 12345, "receipt_ref": receipt["receipt_id"]} for i in range(3)]
    _, result = call("POST", base + "/v1/usage-events", hk, {"events": events})
    check(result["accepted"] == 3, "ingestion: %s" % result)
    _, again = call("POST", base + "/v1/usage-events", hk, {"events": events})
    check(again["duplicates"] == 3 and again["accepted"] == 0, "dedup: %s" % again)

    status, settlement = call("POST", base + "/v1/settlements", pk, {"period": period})
    check(status == 201, "settlement status %s" % status)
    payout = settlement["payouts"][0]
    # 3 x 12345 tokens x 0.0001 = 3.7035 -> paid 3.70 (half-even), 0.0035 carried
    check(Decimal(str(payout["amount"])) == Decimal("3.70") and payout["status"] == "paid", "payout %s" % payout)
    _, statements = call("GET", base + "/v1/statements?period=" + period, ck)
    statement = statements["statements"][0]
    check(Decimal(str(statement["carried"])) == Decimal("0.0035"), "carried %s" % statement["carried"])
    digest = hashlib.sha256("".join(canonical(l) for l in statement["lines"]).encode()).hexdigest()
    check(digest == statement["digest"], "statement digest does not recompute")

    for _ in range(200):
        if len(received) >= 2: break
        time.sleep(0.1)
    check(len(received) >= 2, "webhooks received: %d" % len(received))
    key = base64.b64decode(hook["secret"][len("whsec_"):])
    for headers, body in received:
        h = {k.lower(): v for k, v in headers.items()}
        signed = ("%s.%s." % (h["webhook-id"], h["webhook-timestamp"])).encode() + body
        expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        check(expected in h["webhook-signature"].split(" "), "webhook signature")
    types = sorted(json.loads(b)["type"] for _, b in received)
    check(types == ["payout.paid", "settlement.completed"], "webhook types %s" % types)
    # The seed's settlement webhook: payments with creator, amount, currency and tx_ref.
    completed = next(json.loads(b) for _, b in received if json.loads(b)["type"] == "settlement.completed")
    payment = completed["data"]["payments"][0]
    check(payment["tx_ref"] == payout["payout_id"] and payment["creator_id"] == payout["creator_id"], "payment %s" % payment)
    print("jar money flow passed: paid %s, carried %s, digest %s…, %d signed webhooks"
          % (payout["amount"], statement["carried"], digest[:12], len(received)))
finally:
    platform.terminate(); platform.wait(30); server.shutdown()
