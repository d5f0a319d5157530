#!/bin/sh
# Radius-31 search on 256-bit (PDQ) fingerprints: phash-bench index256 (MultiIndexHashIndex
# and a linear scan) and FAISS IndexBinaryMultiHash(256, 16, 16) (faiss_index256.py) back to
# back on the same fingerprints, written to a temporary folder by the first and read by the
# second.
#
# Usage: Benchmarks/compare_index256.sh [count] [queries]   (default 1000000 2000)
set -eu
cd "$(dirname "$0")/.."
count=${1:-1000000}
queries=${2:-2000}
swift build -c release --product phash-bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.build/release/phash-bench index256 --count "$count" --queries "$queries" --write-codes "$tmp"
echo
python3 Benchmarks/faiss_index256.py "$tmp/random.bin" "$tmp/clustered.bin"
