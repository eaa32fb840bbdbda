#!/usr/bin/env bash
# Builds the WebAssembly package and tests it: Node's test runner against the native `edc
# verify` on every EU sealed sample and the W3C Data Integrity vectors, the TypeScript types
# (tsc --noEmit on a small consumer), and a page in headless Chromium (Playwright) that loads
# the package and verifies one sealed EU sample and one DI credential with no request leaving
# the page. Installs what it needs (tools/build-wasm.sh; typescript, playwright-core from npm;
# Debian's chromium). `.ci/run` calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}"
shared="$(cd "${EDC_SHARED_DIR:-../shared}" && pwd)"

bash tools/build-wasm.sh
cargo build -q -p edc-cli
edc="$CARGO_TARGET_DIR/debug/edc"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
at="2024-06-01T00:00:00Z"
samples="$shared/europass/samples"
"$edc" trust export --roots-only --out "$work/anchors" \
    "$samples"/elm-2023/*-signed.jsonld "$samples"/elm-support-2024/*-signed.jsonld >/dev/null
python3 - "$edc" "$work" "$at" "$shared" <<'PY'
import glob, json, os, subprocess, sys
edc, work, at, shared = sys.argv[1:]
anchors = sorted(glob.glob(os.path.join(work, "anchors", "*.pem")))
cases = []
def native(path, trusted):
    args = [edc, "verify", "--json", "--at", at] + (sum((["--trust", a] for a in anchors), []) if trusted else []) + [path]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    return json.loads(out)
for path in sorted(glob.glob(os.path.join(shared, "europass/samples/*/*-signed*.json*"))):
    cases.append({"file": path, "trusted": True, "native": native(path, True)})
# A DI credential signed here (a did:key issuer: intact, issuer not on a trusted list).
key, unsigned, signed = (os.path.join(work, n) for n in ("key.json", "unsigned.json", "signed-here.json"))
subprocess.run([edc, "keygen", "--out", key], check=True, capture_output=True)
json.dump({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
           "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": {"id": "did:example:ada", "name": "Ada"}}, open(unsigned, "w"))
subprocess.run([edc, "sign", "--key", key, "--set-issuer", "--out", signed, unsigned], check=True, capture_output=True)
cases.append({"file": signed, "trusted": False, "native": native(signed, False)})
for pattern in ["vectors/w3c+vc-di-eddsa/TestVectors/*/signed*.json", "vectors/w3c+vc-di-ecdsa/TestVectors/*/signed*.json"]:
    for path in sorted(glob.glob(os.path.join(shared, pattern))):
        cases.append({"file": path, "trusted": False, "native": native(path, False)})
json.dump({"at": at, "anchors": anchors, "cases": cases}, open(os.path.join(work, "fixtures.json"), "w"))
print(f"{len(cases)} documents, {len(anchors)} anchors")
PY
tools="$HOME/.cache/edc/wasm-tools"
(cd "$tools" && [ -x node_modules/.bin/tsc ] || npm install --silent --no-audit --no-fund typescript@5 playwright-core@1 >/dev/null)
EDC_WASM_FIXTURES="$work/fixtures.json" node --test crates/edc-wasm/tests/verify.test.mjs
"$tools/node_modules/.bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext \
    --target es2022 --skipLibCheck false crates/edc-wasm/tests/consumer.ts
echo "TypeScript consumer: tsc --noEmit passed"

if ! command -v chromium >/dev/null; then
    echo "installing Debian's chromium" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
EDC_WASM_FIXTURES="$work/fixtures.json" NODE_PATH="$tools/node_modules" node crates/edc-wasm/tests/browser.mjs
