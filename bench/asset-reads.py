# The client of bench/asset-reads.sh.
#   asset-reads.py fill BASE PLATFORM_KEY N   — N receipts for the demo creator's dataset, 4 clients;
#                                               prints one receipt id
#   asset-reads.py usage BASE HOST_KEY RECEIPT N — N usage events on it, in batches of 1,000
#   asset-reads.py time BASE CREATOR_KEY      — 100 warm-up reads, then GET /v1/assets/{id} and
#                                               GET /v1/assets 100 times each: p50 and p99
import http.client, json, sys, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor

mode, base, key = sys.argv[1], sys.argv[2], sys.argv[3]
url = urllib.parse.urlparse(base)


def connect():
    return http.client.HTTPConnection(url.hostname, url.port)


def fill(count):
    body = json.dumps({"dataset_id": "ds_sandbox_demo", "creator_id": "creator_42", "model_id": "m",
                       "artifact_hash": "sha256:" + "ab" * 32, "evidence": {"slice": "x"},
                       "metadata": {"license": "cc-by-4.0", "portion_used": 0.12}})
    connection = connect()
    receipt = None
    for _ in range(count):
        connection.request("POST", "/v1/proof-of-training", body,
                           {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        answer = connection.getresponse()
        said = answer.read()
        if answer.status != 201:
            sys.exit("proof-of-training answered %d" % answer.status)
        receipt = json.loads(said)["receipt_id"]
    return receipt


def usage(receipt, count):
    connection = connect()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for first in range(0, count, 1000):
        events = [{"event_id": "ev-%d" % i, "model_id": "m", "timestamp": stamp, "tokens": 1,
                   "receipt_ref": receipt} for i in range(first, min(count, first + 1000))]
        connection.request("POST", "/v1/usage-events", json.dumps({"events": events}),
                           {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            sys.exit("usage-events answered %d" % answer.status)


def timed(connection, path, times):
    took = []
    for _ in range(times):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Authorization": "Bearer " + key})
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            sys.exit("%s answered %d" % (path, answer.status))
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return "p50 %.1f ms  p99 %.1f ms" % (took[len(took) // 2], took[len(took) * 99 // 100])


if mode == "fill":
    n = int(sys.argv[4])
    with ThreadPoolExecutor(4) as clients:
        print(list(clients.map(fill, [n // 4] * 4))[0])
elif mode == "usage":
    usage(sys.argv[4], int(sys.argv[5]))
else:
    connection = connect()
    timed(connection, "/v1/assets/ds_sandbox_demo", 50)
    timed(connection, "/v1/assets", 50)
    print("  GET /v1/assets/ds_sandbox_demo", timed(connection, "/v1/assets/ds_sandbox_demo", 100))
    print("  GET /v1/assets                ", timed(connection, "/v1/assets", 100))
