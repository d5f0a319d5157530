#!/usr/bin/env python3
"""Times pdqhash 0.2.8 (`pdqhash.compute`, Meta's C++ PDQ reference behind NumPy's luma) on the
images `phash-bench pdq` measures, for the side-by-side figure in Documentation/Performance.md.

The images are read and decoded into HxWx3 uint8 arrays before timing; each timed call is one
`pdqhash.compute(array)`, which includes its NumPy luma conversion, as `phash-bench pdq`
includes PerceptualHash's.

Usage: python3 Benchmarks/pdq_speed.py GENERATED_DIR [CORPUS_DIR] [runs]
  GENERATED_DIR: the PPMs written by `phash-bench pdq --write-images DIR`
  CORPUS_DIR:    optional folder of .ppm files (every one is hashed per run)
  runs:          median of runs after a warm-up (default 7)
"""
import os
import sys
import time

import numpy as np
import pdqhash
from PIL import Image


def load(path):
    with Image.open(path) as im:
        return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))


def main():
    gen = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].isdigit() else None
    runs = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 7
    sets = []
    for name in ("640x480", "1920x1080", "4000x3000"):
        sets.append((name, [load(os.path.join(gen, name + ".ppm"))]))
    if corpus:
        files = sorted(f for f in os.listdir(corpus) if f.endswith(".ppm"))
        sets.append((f"corpus({len(files)})", [load(os.path.join(corpus, f)) for f in files]))
    print(f"pdqhash {pdqhash.__version__}: pdqhash.compute, median of {runs} runs, one core, decode excluded")
    print("hash".ljust(9) + "".join(name.ljust(26) for name, _ in sets))
    line = "pdq".ljust(9)
    for _, images in sets:
        mpx = sum(a.shape[0] * a.shape[1] for a in images) / 1e6
        for a in images:
            pdqhash.compute(a)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            for a in images:
                pdqhash.compute(a)
            times.append(time.perf_counter() - t0)
        times.sort()
        t = times[len(times) // 2]
        line += f"{mpx / t:8.1f} Mpx/s {t * 1e6 / len(images):9.1f} us".ljust(26)
    print(line)


if __name__ == "__main__":
    main()
