#!/usr/bin/env python3
"""Times ImageHash 4.3.2 (average_hash, phash, dhash at sizes 8 and 16; whash, whash with
mode='db4' and colorhash at their defaults; PyWavelets 1.9.0) on the images
`phash-bench speed` measures, for the side-by-side figure in Documentation/Performance.md.

The images are read (and decoded) before timing; each timed call includes ImageHash's own
convert("L") and resize, as `phash-bench speed` includes the gray conversion and the resize.

crop_resistant_hash (row `crop-resistant`) runs only with `--only crop-resistant` (about 0.4 s
per photo, so the full table would take an hour).

Usage: python3 Benchmarks/imagehash_speed.py [--only NAME] GENERATED_DIR [CORPUS_DIR] [runs]
  GENERATED_DIR: the PPMs written by `phash-bench speed --write-images DIR`
  CORPUS_DIR:    optional folder of .ppm files (every one is hashed per run)
  runs:          median of runs after a warm-up (default 7)
"""
import os
import sys
import time

import imagehash
from PIL import Image


def load(path):
    im = Image.open(path)
    im.load()
    return im


def main():
    only = None
    if len(sys.argv) > 2 and sys.argv[1] == "--only":
        only = sys.argv[2]
        del sys.argv[1:3]
    gen = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].isdigit() else None
    runs = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 7
    sets = []
    for name in ("640x480", "1920x1080", "4000x3000"):
        sets.append((name, [load(os.path.join(gen, name + ".ppm"))]))
    if corpus:
        files = sorted(f for f in os.listdir(corpus) if f.endswith(".ppm"))
        sets.append((f"corpus({len(files)})", [load(os.path.join(corpus, f)) for f in files]))
    hashers = [
        ("ahash", lambda im: imagehash.average_hash(im)),
        ("phash", lambda im: imagehash.phash(im)),
        ("dhash", lambda im: imagehash.dhash(im)),
        ("ahash16", lambda im: imagehash.average_hash(im, 16)),
        ("phash16", lambda im: imagehash.phash(im, 16)),
        ("dhash16", lambda im: imagehash.dhash(im, 16)),
        ("whash", lambda im: imagehash.whash(im)),
        ("whash-db4", lambda im: imagehash.whash(im, mode="db4")),
        ("colorhash", lambda im: imagehash.colorhash(im)),
    ]
    if only == "crop-resistant":
        hashers.append(("crop-resistant", lambda im: imagehash.crop_resistant_hash(im)))
    if only:
        hashers = [h for h in hashers if h[0] == only]
    print(f"imagehash {imagehash.__version__}: median of {runs} runs, decode excluded")
    print("hash".ljust(9) + "".join(name.ljust(26) for name, _ in sets))
    for hname, fn in hashers:
        line = hname.ljust(9)
        for _, images in sets:
            mpx = sum(im.width * im.height for im in images) / 1e6
            for im in images:
                fn(im)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                for im in images:
                    fn(im)
                times.append(time.perf_counter() - t0)
            times.sort()
            t = times[len(times) // 2]
            line += f"{mpx / t:8.1f} Mpx/s {t * 1e6 / len(images):9.1f} us".ljust(26)
        print(line)


if __name__ == "__main__":
    main()
