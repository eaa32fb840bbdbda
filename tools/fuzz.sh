#!/usr/bin/env bash
# Runs every fuzz target for a fixed time and prints executions and findings per target.
# Not part of CI. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default: 600 seconds, every target)
#
# Corpora and crash files are kept outside the repository ($EDC_FUZZ_DIR, default
# ~/.cache/edc/fuzz); the reference data in ../shared, when present, seeds the corpora (read in
# place, never copied).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/edc/fuzz-target}"
work="${EDC_FUZZ_DIR:-$HOME/.cache/edc/fuzz}"
shared="$(cd .. && pwd)/../shared"
seeds() {
    local dirs=()
    case "$1" in
        verify) dirs=(europass/samples/elm-support-2024 europass/samples/elm-2023 vectors/w3c+vc-data-model-2.0-test-suite/tests/input) ;;
        jsonld) dirs=(vectors/w3c+json-ld-api/tests/toRdf vectors/w3c+json-ld-api/tests/expand) ;;
        nquads) dirs=(vectors/w3c+rdf-canon/tests) ;;
        tokens) dirs=(vectors/w3c+vc-jose-cose-test-suite) ;;
        trusted_list) dirs=(europass/trusted-lists) ;;
    esac
    for d in "${dirs[@]}"; do
        [ -d "$shared/$d" ] && echo "$shared/$d"
    done
    return 0
}
printf '%-14s %12s %10s %s\n' target executions "exec/s" findings
for target in "${targets[@]}"; do
    log="$work/$target.log"
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
    mapfile -t seed_dirs < <(seeds "$target")
    # -rss_limit_mb: an input that needs more memory than this is a finding too.
    if cargo +nightly fuzz run "$target" "$work/corpus/$target" "${seed_dirs[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=30 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target/" >"$log" 2>&1; then
        findings=none
    else
        findings="$(grep -m1 -oE 'panicked at [^ ]+|ERROR: libFuzzer: [a-z -]+' "$log" || echo "exit $?")"
        findings="$findings ($(ls -t "$work/artifacts/$target" 2>/dev/null | head -1))"
    fi
    runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
    rate="$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
    printf '%-14s %12s %10s %s\n' "$target" "${runs:-?}" "${rate:-?}" "$findings"
    # The log stays beside the corpus ($work/TARGET.log).
done
