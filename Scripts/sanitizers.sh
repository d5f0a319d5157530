#!/usr/bin/env bash
# Runs the tests under ThreadSanitizer (the concurrency tests: concurrent decoding,
# concurrent hashing, concurrent index queries) and under AddressSanitizer (the whole
# suite but the fuzz corpus replay, with LeakSanitizer on; leaks inside libXCTest.so are suppressed by
# Scripts/lsan.supp, see Documentation/Security.md). Separate scratch paths keep the
# normal .build untouched.
#
#   Scripts/sanitizers.sh [thread|address]...    (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
kinds=("${@:-thread address}")
for kind in ${kinds[@]}; do
    start=$SECONDS
    case "$kind" in
    thread)
        echo "== swift test --sanitize=thread (concurrency tests)"
        swift test --sanitize=thread --scratch-path .build-tsan --filter 'oncurrent|row59'
        ;;
    address)
        echo "== swift test --sanitize=address"
        # The fuzz corpus replay is skipped here: Scripts/fuzz.sh replays the same files
        # under ASan in a release build in seconds (4 minutes in this debug build).
        LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan.supp" \
            swift test --sanitize=address --scratch-path .build-asan --skip FuzzCorpusReplayTests
        ;;
    *)
        echo "unknown sanitizer $kind (thread or address)" >&2
        exit 2
        ;;
    esac
    echo "   $kind: $((SECONDS - start)) s"
done
