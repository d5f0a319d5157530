#!/usr/bin/env bash
# Checks PerceptualHash against the golden files made with Pillow 13.0.0 and ImageHash 4.3.2.
# Usage: Scripts/conformance.sh [SHARED_DIR]   (default: ../shared next to the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
swift run -c release phash-conformance "$shared"
