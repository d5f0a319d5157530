#!/bin/sh
# Times PerceptualHash (phash-bench speed) and ImageHash 4.3.2 (imagehash_speed.py) back to back
# on the same images and prints the speed ratio (ours / ImageHash, in Mpx/s) per hash and image.
#
# Usage: Benchmarks/compare_speed.sh [--only NAME] [CORPUS_DIR] [runs]
#   --only NAME: time one hash (a row name, e.g. crop-resistant, which only runs this way)
#   CORPUS_DIR: folder of .ppm files (optional: a folder of PPM photographs)
#   runs:       median of runs after a warm-up (default 7)
set -eu
cd "$(dirname "$0")/.."
only=""
if [ "${1:-}" = "--only" ]; then
    only="--only $2"
    shift 2
fi
corpus=${1:-}
runs=${2:-7}
swift build -c release --product phash-bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.build/release/phash-bench speed --write-images "$tmp" >/dev/null
if [ -n "$corpus" ]; then
    .build/release/phash-bench speed $only --runs "$runs" --images "$corpus" > "$tmp/ours.txt"
    python3 Benchmarks/imagehash_speed.py $only "$tmp" "$corpus" "$runs" > "$tmp/theirs.txt"
else
    .build/release/phash-bench speed $only --runs "$runs" > "$tmp/ours.txt"
    python3 Benchmarks/imagehash_speed.py $only "$tmp" "$runs" > "$tmp/theirs.txt"
fi
cat "$tmp/ours.txt"
echo
cat "$tmp/theirs.txt"
echo
echo "ratio (PerceptualHash Mpx/s / ImageHash Mpx/s):"
python3 - "$tmp/ours.txt" "$tmp/theirs.txt" <<'PY'
import sys

def table(path):
    rows, header = {}, None
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == "hash":
            header = parts[1:]
        elif header and parts and parts[0] in ("ahash", "phash", "dhash", "ahash16", "phash16", "dhash16", "whash", "whash-db4", "colorhash", "crop-resistant") and "Mpx/s" in parts:
            rows[parts[0]] = [float(parts[1 + 4 * i]) for i in range(len(header))]
    return header, rows

header, ours = table(sys.argv[1])
_, theirs = table(sys.argv[2])
print("hash".ljust(9) + "".join(h.ljust(14) for h in header))
for name, values in ours.items():
    ratios = [a / b for a, b in zip(values, theirs[name])]
    print(name.ljust(9) + "".join(f"{r:6.1f}x".ljust(14) for r in ratios))
PY
