#!/usr/bin/env python3
"""Pillow's decode time for the files phash-bench png or phash-bench jpeg measures (they run
this script).

    python3 Benchmarks/pillow_decode.py png|jpeg DIR RUNS

Reads every file of the format in DIR (.png; .jpg and .jpeg) into memory, groups the files by
the setting in their name (the part after the photo name, as Scripts/references/png.py or
jpeg.py corpus writes them; "other" otherwise) and prints, per group, `group<TAB>seconds`: the
median over RUNS runs (after one warm-up) of decoding every file of the group with
Image.open(BytesIO(bytes)).load(), one core.
"""
import io
import os
import statistics
import sys
import time

from PIL import Image

# Per format: the file extensions and the settings of the corpus script, as phash-bench has them.
FORMATS = {
    "png": ((".png",), ["rgb-level6", "rgb-level0", "rgb-level9-optimize", "l-level1", "p-256", "rgba", "rgb16-adam7"]),
    "jpeg": ((".jpg", ".jpeg"), ["q75-420", "q95-444", "q50-422-opt", "q85-420-prog", "q30-420-rst", "q90-gray"]),
}


def group(name, extensions, settings):
    for s in settings:
        if any(name.endswith("-" + s + e) for e in extensions):
            return s
    return "other"


def main():
    kind, folder, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    extensions, settings = FORMATS[kind]
    groups = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(extensions):
            with open(os.path.join(folder, name), "rb") as f:
                groups.setdefault(group(name, extensions, settings), []).append(f.read())
    for g, files in groups.items():
        times = []
        for r in range(runs + 1):
            t = time.perf_counter()
            for data in files:
                Image.open(io.BytesIO(data)).load()
            if r > 0:
                times.append(time.perf_counter() - t)
        print(f"{g}\t{statistics.median(times):.6f}", flush=True)


if __name__ == "__main__":
    main()
