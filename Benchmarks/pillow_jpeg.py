#!/usr/bin/env python3
"""Pillow's JPEG decode time for the files phash-bench jpeg measures (it runs this script).

    python3 Benchmarks/pillow_jpeg.py DIR RUNS

Reads every .jpg and .jpeg in DIR into memory, groups the files by the setting in their name (the part
after the photo name, as Scripts/references/jpeg.py corpus writes them; "other" otherwise) and
prints, per group, `group<TAB>seconds`: the median over RUNS runs (after one warm-up) of
decoding every file of the group with Image.open(BytesIO(bytes)).load(), one core.
"""
import io
import os
import statistics
import sys
import time

from PIL import Image

SETTINGS = ["q75-420", "q95-444", "q50-422-opt", "q85-420-prog", "q30-420-rst", "q90-gray"]


def group(name):
    for s in SETTINGS:
        if name.endswith("-" + s + ".jpg"):
            return s
    return "other"


def main():
    folder, runs = sys.argv[1], int(sys.argv[2])
    groups = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith((".jpg", ".jpeg")):
            with open(os.path.join(folder, name), "rb") as f:
                groups.setdefault(group(name), []).append(f.read())
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
