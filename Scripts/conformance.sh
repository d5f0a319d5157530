#!/usr/bin/env bash
# Checks PerceptualHash against golden files made with Pillow 13.0.0 and ImageHash 4.3.2 on a
# corpus of photographs. The corpus and golden files are not part of the repository.
#
# Usage: Scripts/conformance.sh [DATA_DIR]
#   DATA_DIR holds corpus/images/*.ppm and golden/ (imagehash-4.3.2.tsv and
#   imagehash-4.3.2-intermediate.jsonl); default: a folder named "shared" beside the repository.
# Exits 0 with a "skipped" message when DATA_DIR is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared}"
if [ ! -d "$data/corpus/images" ] || [ ! -f "$data/golden/imagehash-4.3.2.tsv" ]; then
    echo "conformance: the photo corpus and golden files are not here ($data/corpus/images and"
    echo "$data/golden/imagehash-4.3.2.tsv not found): skipped. Pass their folder as the first argument."
    exit 0
fi
swift run -c release phash-conformance "$data"
