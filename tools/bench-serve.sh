#!/usr/bin/env bash
# Load figures for `edc serve` on loopback with wrk (Debian's package; installed when missing):
#   1. POST /europass/verify of an EU sealed sample, at saturation;
#   2. POST /credentials/verify of a Data Integrity credential the server issued;
#   3. POST /credentials/issue with status entries, on SQLite, then on PostgreSQL when
#      EDC_BENCH_DATABASE_URL (or tools/start-postgres.sh) gives one.
# Prints requests/s, latencies, non-2xx counts and the server's memory (RSS) sampled every 5 s.
#   DURATION=300 tools/bench-serve.sh      (default 60 s per run; CONNECTIONS default 16)
#   RUNS="eu di" tools/bench-serve.sh      (only some runs: eu, di (with the peer), sqlite, pg)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}"
duration="${DURATION:-60}"
connections="${CONNECTIONS:-16}"
shared="${EDC_SHARED_DIR:-../shared}"
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
cargo build -q --release -p edc-cli
edc="$CARGO_TARGET_DIR/release/edc"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

serve() { # data-dir [database]
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [ -n "${2:-}" ]; then
        EDC_LOG=warn "$edc" serve --listen "127.0.0.1:$port" --data "$1" --database "$2" 2>"$work/server.log" &
    else
        EDC_LOG=warn "$edc" serve --listen "127.0.0.1:$port" --data "$1" 2>"$work/server.log" &
    fi
    server_pid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && return; sleep 0.1; done
    echo "the server did not start" >&2; cat "$work/server.log" >&2; exit 1
}

# wrk posting one body (a file) with a content type; issuance gives each request its own id.
lua_post() { # body-file content-type [unique-ids]
    cat > "$work/post.lua" <<LUA
local f = io.open("$1", "rb"); local body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.body = body; wrk.headers["Content-Type"] = "$2"
local n = 0
request = function()
  if "${3:-}" == "unique" then
    n = n + 1
    local b = body:gsub("URN_ID", "urn:uuid:bench-" .. tostring(math.random(1, 2^30)) .. "-" .. n)
    return wrk.format(nil, nil, nil, b)
  end
  return wrk.format()
end
LUA
}

run() { # label path
    local samples="$work/rss" ; : > "$samples"
    ( while kill -0 "$server_pid" 2>/dev/null; do ps -o rss= -p "$server_pid" >> "$samples" || true; sleep 5; done ) &
    local sampler=$!
    wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$base$2" > "$work/wrk.out"
    kill "$sampler" 2>/dev/null || true
    local rps p50 p99 non2xx errors rss_min rss_max
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
    p50=$(awk '$1=="50%" {print $2}' "$work/wrk.out")
    p99=$(awk '$1=="99%" {print $2}' "$work/wrk.out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out"); non2xx=${non2xx:-0}
    errors=$(awk '/Socket errors/ {print $0}' "$work/wrk.out")
    # RSS over the run: after the first 10 s (warm), at the middle, at the end, and the peak.
    local n warm mid last peak
    n=$(wc -l < "$samples")
    warm=$(sed -n "$(( n > 2 ? 3 : 1 ))p" "$samples"); mid=$(sed -n "$(( (n + 1) / 2 ))p" "$samples")
    last=$(tail -1 "$samples"); peak=$(sort -n "$samples" | tail -1)
    printf '%-44s %9s req/s  p50 %8s  p99 %8s  non-2xx %s  %s RSS MiB warm %s, middle %s, end %s, peak %s\n' \
        "$1" "$rps" "$p50" "$p99" "$non2xx" "${errors:-no socket errors;}" \
        "$((warm / 1024))" "$((mid / 1024))" "$((last / 1024))" "$((peak / 1024))"
}

echo "edc serve on $(nproc) cores, wrk -t2 -c$connections, ${duration}s per run"
serve "$work/sqlite"
issuer=$(curl -s "$base/issuers" | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuers"][0]["id"])')

runs="${RUNS:-eu di sqlite pg}"
wants() { case " $runs " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if wants eu; then
lua_post "$shared/europass/samples/elm-support-2024/Sample-MastersDegree-signed.jsonld" application/json
run "verify an EU sealed sample (/europass/verify)" /europass/verify
fi

if wants di; then
curl -s -X POST "$base/credentials/issue" -H 'content-type: application/json' -d "{\"credential\": {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"], \"issuer\": \"$issuer\", \"credentialSubject\": {\"id\": \"did:example:ada\", \"name\": \"Ada\"}}, \"options\": {\"credentialStatus\": false}}" \
    | python3 -c 'import json,sys; print(json.dumps({"verifiableCredential": json.load(sys.stdin)["verifiableCredential"]}))' > "$work/di.json"
lua_post "$work/di.json" application/json
run "verify a DI credential (/credentials/verify)" /credentials/verify
edc_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")

# The same credential through the reference peer (vc.js, one worker per core), when a prepared
# copy of the peer is there (PEER_DIR, or the one the interop tests prepare under /tmp).
peer_dir="${PEER_DIR:-$(ls -d /tmp/edc-peer-node-*/ 2>/dev/null | while read -r d; do [ -e "$d/node_modules/.edc-ready" ] && echo "$d"; done | head -1)}"
if [ -n "$peer_dir" ] && command -v node >/dev/null; then
    edc_pid=$server_pid edc_base=$base
    peer_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    PEER_DIR="$peer_dir" PEER_SHARED_DIR="$(cd "$shared" && pwd)" node tools/peer-verify-server.mjs "$peer_port" 2>"$work/peer.log" &
    server_pid=$! base="http://127.0.0.1:$peer_port"
    for _ in $(seq 100); do curl -sf -o /dev/null -X POST "$base/credentials/verify" -d @"$work/di.json" && break; sleep 0.1; done
    run "the same through vc.js (node, a worker per core)" /credentials/verify
    peer_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
    python3 -c "print(f'  edc serve / vc.js service: {float(\"$edc_rps\") / float(\"$peer_rps\"):.1f}x the requests per second')"
    kill "$server_pid" 2>/dev/null || true
    server_pid=$edc_pid base=$edc_base
else
    echo "  (no prepared peer: set PEER_DIR to a copy of ../shared/tools/peers/node where npm ci has run)"
fi
fi

if wants sqlite; then
echo "{\"credential\": {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"id\": \"URN_ID\", \"type\": [\"VerifiableCredential\"], \"issuer\": \"$issuer\", \"credentialSubject\": {\"id\": \"did:example:ada\", \"name\": \"Ada\"}}}" > "$work/issue.json"
lua_post "$work/issue.json" application/json unique
run "issue with status entries, SQLite" /credentials/issue
fi
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
wants pg || exit 0

database="${EDC_BENCH_DATABASE_URL:-}"
if [ -z "$database" ]; then
    admin="$(bash tools/start-postgres.sh)"
    psql -q "$admin" -c "DROP DATABASE IF EXISTS edc_bench" -c "CREATE DATABASE edc_bench"
    database="${admin%/*}/edc_bench"
fi
serve "$work/pg" "$database"
issuer=$(curl -s "$base/issuers" | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuers"][0]["id"])')
echo "{\"credential\": {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"id\": \"URN_ID\", \"type\": [\"VerifiableCredential\"], \"issuer\": \"$issuer\", \"credentialSubject\": {\"id\": \"did:example:ada\", \"name\": \"Ada\"}}}" > "$work/issue.json"
lua_post "$work/issue.json" application/json unique
run "issue with status entries, PostgreSQL" /credentials/issue
