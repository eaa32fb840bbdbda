#!/usr/bin/env python3
"""Crash safety of `edc serve`'s status store: kill -9 the server in the middle of concurrent
issue and revoke requests, start it again on the same data, and check that every acknowledged
issuance and revocation is there, and that no index was given twice.

usage: tools/serve-crash-test.py [--edc target/release/edc] [--database postgres://...]
                                 [--requests 1000] [--clients 16] [--kill-after 400]
Prints one line of figures and exits 0 when nothing acknowledged was lost.
"""
import argparse, json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time
import urllib.request, urllib.error

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def start(edc, data, port, database):
    args = [edc, "serve", "--listen", f"127.0.0.1:{port}", "--data", data, "--public-url", "http://crash.test"]
    if database:
        args += ["--database", database]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1); return proc
        except Exception:
            time.sleep(0.05)
    proc.kill(); sys.exit("the server did not start")

def post(port, path, body):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.load(r)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edc", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "edc"))
    ap.add_argument("--database")
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--kill-after", type=int, default=400, help="acknowledged requests before kill -9")
    a = ap.parse_args()
    data = tempfile.mkdtemp(prefix="edc-crash-")
    port = free_port()
    server = start(a.edc, data, port, a.database)
    issuer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/issuers"))["issuers"][0]["id"]
    lock = threading.Lock()
    issued, revoked, errors = {}, set(), [0]
    counter = [0]
    acked = [0]
    killed = threading.Event()
    run = os.getpid()

    def work():
        while not killed.is_set():
            with lock:
                n = counter[0]; counter[0] += 1
                if n >= a.requests: return
                candidates = [c for c in issued if c not in revoked]
            try:
                if candidates and random.random() < 0.3:
                    cid = random.choice(candidates)
                    status, _ = post(port, "/credentials/status", {"credentialId": cid, "status": "revoked"})
                    with lock:
                        revoked.add(cid)
                else:
                    cid = f"urn:uuid:crash-{run}-{n}"
                    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": cid,
                                  "type": ["VerifiableCredential"], "issuer": issuer, "credentialSubject": {"name": "Ada"}}
                    status, body = post(port, "/credentials/issue", {"credential": credential})
                    entry = body["verifiableCredential"]["credentialStatus"][0]
                    with lock:
                        issued[cid] = (entry["statusListCredential"].rsplit("/", 1)[1].rsplit("-", 1)[0], int(entry["statusListIndex"]))
                with lock:
                    acked[0] += 1
                    if acked[0] >= a.kill_after and not killed.is_set():
                        os.kill(server.pid, signal.SIGKILL); killed.set()
            except Exception:
                with lock:
                    errors[0] += 1
                if killed.is_set():
                    return

    threads = [threading.Thread(target=work) for _ in range(a.clients)]
    [t.start() for t in threads]; [t.join() for t in threads]
    server.wait()
    # Start again on the same data and read what survived.
    port = free_port()
    server = start(a.edc, data, port, a.database)
    show = lambda *args: json.loads(subprocess.run([a.edc, "status", "show", *args, "--data", data] +
                                                   (["--database", a.database] if a.database else []),
                                                   capture_output=True, text=True, check=True).stdout)
    lost_issue = [cid for cid, (lst, idx) in issued.items() if show(lst, str(idx))["credentialId"] != cid]
    lost_revoke = [cid for cid in revoked if show(*map(str, issued[cid]))["status"] != "revoked"]
    slots = list(issued.values())
    duplicates = len(slots) - len(set(slots))
    lists = show()["lists"]
    allocated = sum(l["allocated"] for l in lists)
    server.send_signal(signal.SIGTERM); server.wait()
    print(json.dumps({"store": "postgresql" if a.database else "sqlite", "acknowledged_issues": len(issued),
                      "acknowledged_revocations": len(revoked), "requests_failed_by_the_kill": errors[0],
                      "allocated_after_restart": allocated, "lost_issues": len(lost_issue),
                      "lost_revocations": len(lost_revoke), "duplicate_indices": duplicates}))
    ok = not lost_issue and not lost_revoke and duplicates == 0 and allocated >= len(issued)
    sys.exit(0 if ok else 1)

main()
