#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ with AddressSanitizer, checks that each binary really
# is a libFuzzer binary with coverage instrumentation, replays the committed seed corpus and
# every kept finding, then fuzzes each target for a fixed time. Exits non-zero on any finding
# and leaves its input in Fuzz/FailCases/<target>/ (commit it: it becomes a regression file
# replayed by `swift test` and by every later run of this script).
#
#   Scripts/fuzz.sh [seconds-per-target] [target ...]     (default: 60 s, every target)
#
# Documentation/Security.md explains the choices (tools-version 5.4, the combined
# -sanitize=fuzzer,address flag, SWIFT_BACKTRACE=enable=no).
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no

seconds=${1:-60}
shift || true
all_targets=(FuzzNetpbm FuzzRawPixels FuzzFingerprintHex FuzzHashes FuzzPNG FuzzJPEG)
[ -d Fuzz/Sources/FuzzIndexFile ] && all_targets+=(FuzzIndexFile)
targets=("${@:-${all_targets[@]}}")

# SwiftPM names a path dependency after its directory: a checkout directory called "fuzz"
# collides with the Fuzz package itself ("cyclic dependency between packages Fuzz -> Fuzz").
if [ "$(basename "$PWD" | tr '[:upper:]' '[:lower:]')" = fuzz ]; then
    echo "error: the checkout directory must not be named 'fuzz' (SwiftPM package identity clash)" >&2
    exit 2
fi

cd Fuzz
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for target in "${targets[@]}"; do
    echo "== $target: build"
    start=$SECONDS
    if ! swift build -c release --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$log" 2>&1; then
        grep -v "Cannot export local symbol" "$log" | tail -40
        exit 1
    fi
    echo "   built in $((SECONDS - start)) s"
    binary=.build/release/$target

    # A wrong build links a binary that runs nothing and exits 0: prove this one is libFuzzer
    # with coverage counters and ASan.
    "$binary" -runs=1 >"$log" 2>&1 || { cat "$log"; echo "error: $target -runs=1 failed" >&2; exit 1; }
    if ! grep -q "INFO: Loaded" "$log" || ! grep -q "inline 8-bit counters" "$log"; then
        cat "$log"; echo "error: $target has no coverage instrumentation" >&2; exit 1
    fi
    "$binary" -help=1 >"$log" 2>&1 || true
    if ! grep -q "max_total_time" "$log"; then
        cat "$log"; echo "error: $target does not print libFuzzer's help" >&2; exit 1
    fi
    nm "$binary" >"$log"   # (not piped into grep -q: with pipefail, nm's SIGPIPE would fail it)
    if ! grep -q "__asan_init" "$log" || ! grep -q "asan.module_ctor" "$log"; then
        echo "error: $target is not built with AddressSanitizer" >&2; exit 1
    fi

    mkdir -p "FailCases/$target"
    echo "== $target: replay Corpus/$target and FailCases/$target"
    if ! "$binary" -runs=0 -rss_limit_mb=2048 -malloc_limit_mb=512 "Corpus/$target" "FailCases/$target" >"$log" 2>&1; then
        tail -40 "$log"; echo "error: $target fails on a corpus or FailCases file" >&2; status=1; continue
    fi
    grep -E "^Done" "$log" || true

    echo "== $target: fuzz for $seconds s"
    dict=netpbm.dict
    [ "$target" = FuzzPNG ] && dict=png.dict
    [ "$target" = FuzzJPEG ] && dict=jpeg.dict
    work=$(mktemp -d)
    rc=0
    "$binary" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -malloc_limit_mb=512 \
        -max_len=65536 -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="FailCases/$target/" "$work" "Corpus/$target" >"$log" 2>&1 || rc=$?
    rm -rf "$work"
    grep -E "^Done|number_of_executed_units|average_exec_per_sec|peak_rss_mb" "$log" || true
    if [ "$rc" -ne 0 ]; then
        grep -E "ERROR|SUMMARY|Test unit written|artifact" "$log" | head -20
        tail -60 "$log"
        echo "error: $target found a failing input (rc $rc); it is in Fuzz/FailCases/$target/" >&2
        status=1
    fi
done
exit $status
