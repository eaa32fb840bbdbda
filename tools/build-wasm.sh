#!/usr/bin/env bash
# Builds the WebAssembly package (crates/edc-wasm → crates/edc-wasm/pkg: a Node build and a web
# build, wasm-opt -Oz) and prints its sizes. Idempotent; installs what it needs when missing:
#   - Debian's rustc-web toolchain with the standard library's source (this machine's rustup
#     cannot add the wasm32 target): rustc-web cargo-web rust-web-src rust-web-llvm lld-22 clang
#     (clang: `ring` compiles C for wasm32);
#   - wasm-bindgen-cli at exactly the version edc-wasm pins (cargo install, into ~/.cargo/bin);
#   - wasm-opt from the npm package binaryen (Debian's binaryen is too old for wasm-bindgen).
# Elsewhere the ordinary route works too: `rustup target add wasm32-unknown-unknown` and
# `wasm-pack build crates/edc-wasm` (see the README).
#   tools/build-wasm.sh [--features render]      (WASM_OPT_LEVEL=-O3 and opt-level = 3 in crates/edc-wasm/Cargo.toml: faster, larger)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}-wasm"
features=("$@")   # e.g. --features render

if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src ] || ! command -v clang >/dev/null; then
    echo "installing the rustc-web toolchain (Debian bookworm-security)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q rustc-web cargo-web rust-web-src rust-web-llvm lld-22 clang >/dev/null
fi

pinned="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' crates/edc-wasm/Cargo.toml)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $pinned\$"; then
    echo "installing wasm-bindgen-cli $pinned" >&2
    cargo install -q wasm-bindgen-cli --version "$pinned"
fi

tools="$HOME/.cache/edc/wasm-tools"
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
    echo "installing binaryen (wasm-opt) from npm" >&2
    mkdir -p "$tools"
    (cd "$tools" && npm install --silent --no-audit --no-fund binaryen@123 >/dev/null)
fi
wasm_opt="$tools/node_modules/.bin/wasm-opt"

echo "building edc-wasm for wasm32-unknown-unknown ${features[*]:-}" >&2
(cd crates/edc-wasm &&
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -q --release \
        --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort "${features[@]}")
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/edc_wasm.wasm"

pkg="$root/crates/edc-wasm/pkg"
# Bindings and wasm-opt again only when the module changed (wasm-opt -Oz takes a minute a build).
if [ ! -f "$pkg/.built" ] || [ "$raw" -nt "$pkg/.built" ]; then
    rm -rf "$pkg"
    mkdir -p "$pkg/node" "$pkg/web"
    wasm-bindgen --target nodejs --out-dir "$pkg/node" "$raw"
    wasm-bindgen --target web --out-dir "$pkg/web" "$raw"
    for target in node web; do
        "$wasm_opt" "${WASM_OPT_LEVEL:--Oz}" --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-mutable-globals \
            "$pkg/$target/edc_wasm_bg.wasm" -o "$pkg/$target/edc_wasm_bg.wasm"
    done
    cp crates/edc-wasm/package.json "$pkg/package.json"
    touch "$pkg/.built"
fi

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
opt="$pkg/node/edc_wasm_bg.wasm"
printf 'edc-wasm %s: raw %d bytes, wasm-opt -Oz %d bytes, gzipped %d bytes\n' \
    "${features[*]:-verifier only}" "$(size "$raw")" "$(size "$opt")" "$(gz "$opt")"
