#!/usr/bin/env bash
# The npm package's verification time against the native one-thread figure, in the same run:
# each sealed EU sample through Node (crates/edc-wasm/tests/bench.mjs) and through
# crates/edc-verifier/examples/bench_verify (release), then the ratio. Builds the package first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}"
shared="$(cd "${EDC_SHARED_DIR:-../shared}" && pwd)"
bash tools/build-wasm.sh
cargo build -q -p edc-cli
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$CARGO_TARGET_DIR/debug/edc" trust export --roots-only --out "$work/anchors" \
    "$shared"/europass/samples/elm-2023/*-signed.jsonld "$shared"/europass/samples/elm-support-2024/*-signed.jsonld >/dev/null
cargo run -q --release -p edc-verifier --example bench_verify -- "$shared" > "$work/native.txt"
node crates/edc-wasm/tests/bench.mjs "$shared" "$work/anchors" > "$work/wasm.txt"
python3 - "$work/native.txt" "$work/wasm.txt" <<'PY'
import re, sys
def read(path):
    return {m.group(1): float(m.group(2)) for m in (re.match(r"(\S+): ([0-9.]+) ms", l) for l in open(path)) if m}
native, wasm = read(sys.argv[1]), read(sys.argv[2])
print(f"{'sample':44} {'native ms':>10} {'wasm ms':>10} {'ratio':>7}")
for name in sorted(native):
    if name in wasm:
        print(f"{name:44} {native[name]:10.2f} {wasm[name]:10.2f} {wasm[name] / native[name]:6.2f}x")
PY
