#!/usr/bin/env bash
# Renders every EU sample and the demo's output with `edc render`, then checks the pages in
# headless Chromium (crates/edc-render/tests/browser.mjs): the learner, the title and the
# awarding body shown, no request, axe-core without serious or critical violations; saves the
# README's screenshot (docs/rendered-sample.png) and a PDF of it. Installs Chromium, axe-core and
# playwright-core when missing. `.ci/run` calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}"
shared="$(cd "${EDC_SHARED_DIR:-../shared}" && pwd)"
cargo build -q -p edc-cli
edc="$CARGO_TARGET_DIR/debug/edc"
if ! command -v chromium >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
tools="$HOME/.cache/edc/wasm-tools"
mkdir -p "$tools"
(cd "$tools" && [ -d node_modules/axe-core ] && [ -d node_modules/playwright-core ] ||
    npm install --silent --no-audit --no-fund axe-core@4 playwright-core@1 >/dev/null)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
samples="$shared/europass/samples"
"$edc" trust export --roots-only --out "$work/anchors" "$samples"/elm-2023/*-signed.jsonld \
    "$samples"/elm-support-2024/*-signed.jsonld >/dev/null
"$edc" demo --out "$work/demo" >/dev/null
cases="["
n=0
for source in "$samples"/elm-support-2024/*-signed.jsonld "$samples"/elm-support-2024/*-unsigned.json \
    "$samples"/elm-2023/*-signed.jsonld "$samples"/elm-2023/*-unsigned.jsonld \
    $(ls "$work"/demo/credentials/*.jsonld 2>/dev/null | head -1); do
    n=$((n + 1))
    page="$work/page-$n.html"
    "$edc" render "$source" --at 2024-06-01T00:00:00Z --trust "$work/anchors" --out "$page"
    cases="$cases{\"page\": \"$page\", \"source\": \"$source\"},"
done
echo "${cases%,}]" > "$work/cases.json"
mkdir -p docs
EDC_RENDER_CASES="$work/cases.json" EDC_RENDER_SCREENSHOT="$root/docs/rendered-sample.png" \
    NODE_PATH="$tools/node_modules" node crates/edc-render/tests/browser.mjs
"$edc" render "$samples/elm-support-2024/Sample-MastersDegree-signed.jsonld" --at 2024-06-01T00:00:00Z \
    --trust "$work/anchors" --out "$work/pdf.html" --pdf "$work/page.pdf"
test -s "$work/page.pdf" && head -c 5 "$work/page.pdf" | grep -q '%PDF' && echo "ok: PDF through headless Chromium ($(stat -c %s "$work/page.pdf") bytes)"
