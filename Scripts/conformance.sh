#!/usr/bin/env bash
# Checks PerceptualHash against golden files made with Pillow 13.0.0 and ImageHash 4.3.2 on a
# corpus of photographs, and PDQHash against pdqhash 0.2.8 on every corpus photo when Python
# has pdqhash (pip install -r Scripts/references/requirements.txt); the PDQ check is skipped with
# a message otherwise. Likewise WaveletHash and ColorHash against ImageHash's whash (8, 16, db4)
# and colorhash on every photo, large ones included, when Python has imagehash and pywt. With
# Pillow and ImageHash in Python, every corpus photo is also converted to PNG in seven settings
# (Scripts/references/png.py corpus, into a temporary folder removed afterwards) and
# PerceptualHashDecoders must decode each to Pillow's pixels and ImageHash's hashes; skipped with
# a message otherwise. CropResistantHash must give ImageHash's crop_resistant_hash text (every
# segment hash, in order) on every photo when Python has imagehash (Scripts/references/
# crop_resistant.py corpus). The same for JPEG: every photo converted to JPEG in six settings
# (Scripts/references/jpeg.py corpus: qualities 30-95, 4:4:4, 4:2:2, 4:2:0, optimized Huffman
# tables, progressive, restart markers, gray) must decode to Pillow's (libjpeg-turbo's) pixels
# and ImageHash's hashes. The corpus and golden files are not part of the repository.
#
# Usage: Scripts/conformance.sh [DATA_DIR] [pdq|png|crop|jpeg]
#   DATA_DIR holds corpus/images/*.ppm (and optionally corpus/large/) and golden/
#   (imagehash-4.3.2.tsv and imagehash-4.3.2-intermediate.jsonl); default: a folder named
#   "shared" beside the repository. `pdq` runs only the PDQ checks, `png` only the PNG check,
#   `crop` only the crop-resistant check, `jpeg` only the JPEG check.
# Exits 0 with a "skipped" message when DATA_DIR is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared}"
mode="${2:-}"
if [ ! -d "$data/corpus/images" ] || { [ "$mode" = "" ] && [ ! -f "$data/golden/imagehash-4.3.2.tsv" ]; }; then
    echo "conformance: the photo corpus and golden files are not here ($data/corpus/images and"
    echo "$data/golden/imagehash-4.3.2.tsv not found): skipped. Pass their folder as the first argument."
    exit 0
fi
folders=("$data/corpus/images")
[ -d "$data/corpus/large" ] && folders+=("$data/corpus/large")
if [ "$mode" = "" ] || [ "$mode" = crop ]; then
    if python3 -c "import imagehash" 2>/dev/null; then
        mkdir -p .build
        echo "crop_resistant_hash: hashing the corpus with ImageHash (a few minutes)"
        python3 Scripts/references/crop_resistant.py corpus "${folders[@]}" > .build/crop-resistant-corpus.tsv
        export CROP_RESISTANT_REFERENCE="$PWD/.build/crop-resistant-corpus.tsv"
    else
        echo "crop_resistant_hash: Python module imagehash not found (pip install imagehash==4.3.2 pillow==13.0.0); that check is skipped"
    fi
fi
if [ "$mode" != png ] && [ "$mode" != crop ] && [ "$mode" != jpeg ] && python3 -c "import pdqhash" 2>/dev/null; then
    mkdir -p .build
    python3 Scripts/references/pdq.py corpus "${folders[@]}" > .build/pdq-corpus.tsv
    export PDQ_REFERENCE="$PWD/.build/pdq-corpus.tsv"
elif [ "$mode" != png ] && [ "$mode" != crop ] && [ "$mode" != jpeg ]; then
    echo "PDQ: Python module pdqhash not found (pip install pdqhash==0.2.8 numpy); the PDQ check is skipped"
fi
if [ "$mode" = "" ] && python3 -c "import imagehash, pywt" 2>/dev/null; then
    mkdir -p .build
    python3 Scripts/references/wavelet_color.py corpus "${folders[@]}" > .build/wavelet-color-corpus.tsv
    export WAVELET_COLOR_REFERENCE="$PWD/.build/wavelet-color-corpus.tsv"
elif [ "$mode" = "" ]; then
    echo "whash/colorhash: Python modules imagehash and pywt not found (pip install imagehash==4.3.2 PyWavelets==1.9.0 pillow==13.0.0); that check is skipped"
fi
pngdir=$(mktemp -d)
jpegdir=$(mktemp -d)
trap 'rm -rf "$pngdir" "$jpegdir"' EXIT
if { [ "$mode" = "" ] || [ "$mode" = png ]; } && python3 -c "import PIL, imagehash, numpy" 2>/dev/null; then
    mkdir -p .build
    echo "PNG: converting the corpus to PNG (7 settings per photo) and decoding with Pillow"
    python3 Scripts/references/png.py corpus "$pngdir" "${folders[@]}" > .build/png-corpus.tsv
    export PNG_REFERENCE="$PWD/.build/png-corpus.tsv"
elif [ "$mode" = "" ] || [ "$mode" = png ]; then
    echo "PNG: Python modules PIL/imagehash/numpy not found (pip install -r Scripts/references/requirements.txt); the PNG check is skipped"
fi
if { [ "$mode" = "" ] || [ "$mode" = jpeg ]; } && python3 -c "import PIL, imagehash, numpy" 2>/dev/null; then
    mkdir -p .build
    echo "JPEG: converting the corpus to JPEG (6 settings per photo) and decoding with Pillow"
    python3 Scripts/references/jpeg.py corpus "$jpegdir" "${folders[@]}" > .build/jpeg-corpus.tsv
    export JPEG_REFERENCE="$PWD/.build/jpeg-corpus.tsv"
elif [ "$mode" = "" ] || [ "$mode" = jpeg ]; then
    echo "JPEG: Python modules PIL/imagehash/numpy not found (pip install -r Scripts/references/requirements.txt); the JPEG check is skipped"
fi
swift run -c release phash-conformance "$data" $mode
