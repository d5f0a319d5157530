#!/usr/bin/env python3
"""Times Pillow's Image.resize on the image `phash-bench resample` generates (1920x1080,
sample (x, y, c) = (7x + 3y + 85c + (x xor y)) mod 256), RGB and L, for the side-by-side figure.

Usage: python3 Benchmarks/pillow_resize.py [runs]   (median of runs, default 15, after a warm-up)
"""
import sys
import time

import numpy as np
from PIL import Image


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    w, h = 1920, 1080
    y, x = np.mgrid[0:h, 0:w]
    planes = [((x * 7 + y * 3 + c * 85 + (x ^ y)) & 255).astype(np.uint8) for c in range(3)]
    rgb = Image.fromarray(np.dstack(planes), "RGB")
    gray = rgb.convert("L")
    mpx = w * h / 1e6
    import PIL
    print(f"Pillow {PIL.__version__}: 1920x1080 input, median of {runs} runs")
    filters = [("lanczos", Image.Resampling.LANCZOS), ("box", Image.Resampling.BOX),
               ("bicubic", Image.Resampling.BICUBIC), ("bilinear", Image.Resampling.BILINEAR)]
    for name, im in (("RGB", rgb), ("L", gray)):
        for fname, f in filters:
            for size in ((32, 32), (8, 8)):
                im.resize(size, f)
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    im.resize(size, f)
                    times.append(time.perf_counter() - t0)
                times.sort()
                med = times[len(times) // 2]
                label = f"{name:<3} {fname:<8} -> {size[0]}x{size[1]}"
                print(f"{label:<26} {med * 1e3:8.3f} ms  {mpx / med:8.1f} Mpx/s")


if __name__ == "__main__":
    main()
