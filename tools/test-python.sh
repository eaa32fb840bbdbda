#!/usr/bin/env bash
# Builds the Python package (crates/edc-py, maturin, an abi3 wheel) into a virtualenv it makes
# (outside the clone) and runs its pytest suite against the native `edc` binary. `.ci/run` calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/target}"
venv="${EDC_PY_VENV:-$HOME/.cache/edc/py-venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check "maturin>=1.5,<2" pytest
cargo build -q -p edc-cli
(cd crates/edc-py && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" \
    CARGO_TARGET_DIR="$CARGO_TARGET_DIR-py" maturin develop -q --release)
EDC_BIN="$CARGO_TARGET_DIR/debug/edc" EDC_SHARED_DIR="$(cd "${EDC_SHARED_DIR:-../shared}" && pwd)" \
    "$venv/bin/python" -m pytest -q crates/edc-py/tests
