#!/usr/bin/env bash
# Checks PerceptualHash against the golden files made with Pillow 13.0.0 and ImageHash 4.3.2,
# and PDQHash against pdqhash 0.2.8 on every corpus photo when Python has pdqhash
# (pip install pdqhash==0.2.8 numpy); the PDQ check is skipped with a message otherwise.
# Usage: Scripts/conformance.sh [SHARED_DIR] [pdq]   (default: ../shared next to the repository;
# `pdq` runs only the PDQ check)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
folders=()
for f in "$shared/corpus/images" "$shared/corpus/large"; do
    [ -d "$f" ] && folders+=("$f")
done
if [ ${#folders[@]} -eq 0 ]; then
    echo "PDQ: no corpus under $shared/corpus; the PDQ check is skipped"
elif python3 -c "import pdqhash" 2>/dev/null; then
    mkdir -p .build
    python3 Scripts/references/pdq.py corpus "${folders[@]}" > .build/pdq-corpus.tsv
    export PDQ_REFERENCE="$PWD/.build/pdq-corpus.tsv"
else
    echo "PDQ: Python module pdqhash not found (pip install pdqhash==0.2.8 numpy); the PDQ check is skipped"
fi
swift run -c release phash-conformance "$shared" ${2:-}
