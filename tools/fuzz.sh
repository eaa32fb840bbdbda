#!/usr/bin/env bash
# Runs every fuzz target for a fixed time and prints executions and findings per target.
# Not part of CI. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default: 600 seconds, every target)
#
# Corpora and crash files stay in fuzz/corpus and fuzz/artifacts (not committed).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/fuzz-target}"
printf '%-14s %12s %10s %s\n' target executions "exec/s" findings
for target in "${targets[@]}"; do
    log="$(mktemp)"
    mkdir -p "corpus/$target"
    # -rss_limit_mb: an input that needs more memory than this is a finding too.
    if cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=30 -print_final_stats=1 \
        >"$log" 2>&1; then
        findings=none
    else
        findings="$(grep -m1 -oE 'ERROR: libFuzzer: [a-z -]+|panicked at [^ ]+|deadly signal|out-of-memory|timeout' "$log" || echo "exit $?")"
        findings="$findings ($(ls -t "artifacts/$target" 2>/dev/null | head -1))"
    fi
    runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
    rate="$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
    printf '%-14s %12s %10s %s\n' "$target" "${runs:-?}" "${rate:-?}" "$findings"
    rm -f "$log"
done
