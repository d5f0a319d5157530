#!/bin/sh
# Times PerceptualHash's PDQ (phash-bench pdq) and pdqhash 0.2.8 (pdq_speed.py, Meta's C++
# reference) back to back on the same images and prints the speed ratio (ours / pdqhash, in
# Mpx/s) per image set.
#
# Usage: Benchmarks/compare_pdq_speed.sh [CORPUS_DIR] [runs]
#   CORPUS_DIR: folder of .ppm files (optional: a folder of PPM photographs)
#   runs:       median of runs after a warm-up (default 7)
set -eu
cd "$(dirname "$0")/.."
corpus=${1:-}
runs=${2:-7}
swift build -c release --product phash-bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.build/release/phash-bench pdq --write-images "$tmp" >/dev/null
if [ -n "$corpus" ]; then
    .build/release/phash-bench pdq --runs "$runs" --images "$corpus" > "$tmp/ours.txt"
    python3 Benchmarks/pdq_speed.py "$tmp" "$corpus" "$runs" > "$tmp/theirs.txt"
else
    .build/release/phash-bench pdq --runs "$runs" > "$tmp/ours.txt"
    python3 Benchmarks/pdq_speed.py "$tmp" "$runs" > "$tmp/theirs.txt"
fi
cat "$tmp/ours.txt"
echo
cat "$tmp/theirs.txt"
echo
echo "ratio (PerceptualHash Mpx/s / pdqhash Mpx/s):"
python3 - "$tmp/ours.txt" "$tmp/theirs.txt" <<'PY'
import sys

def table(path):
    header, row = None, None
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == "hash":
            header = parts[1:]
        elif header and parts and parts[0] == "pdq" and "Mpx/s" in parts:
            row = [float(parts[1 + 4 * i]) for i in range(len(header))]
    return header, row

header, ours = table(sys.argv[1])
_, theirs = table(sys.argv[2])
print("hash".ljust(9) + "".join(h.ljust(14) for h in header))
print("pdq".ljust(9) + "".join(f"{a / b:6.1f}x".ljust(14) for a, b in zip(ours, theirs)))
PY
