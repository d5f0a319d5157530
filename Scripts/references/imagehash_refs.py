#!/usr/bin/env python3
"""Reference fingerprints from ImageHash 4.3.2 (Pillow 13.0.0) for generated images.

Writes Tests/PerceptualHashTests/Fixtures/imagehash/:
  images/<name>.pgm|.ppm  the seeded inputs (binary PNM, maxval 255)
  expected.tsv            name, algorithm, size, highfreq_factor, ImageHash str(hash)

Run from the repository root:  python3 Scripts/references/imagehash_refs.py
"""
import math
import os
import sys

import imagehash
import numpy as np
import PIL
from PIL import Image

assert PIL.__version__ == "13.0.0", PIL.__version__
assert imagehash.__version__ == "4.3.2", imagehash.__version__

OUT = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "imagehash")
rng = np.random.default_rng(20261122)


def smooth_field(w, h, waves=6, channels=1):
    """A sum of random sinusoids: smooth like a photograph, seeded."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    out = []
    for _ in range(channels):
        f = np.zeros((h, w))
        for _ in range(waves):
            fx, fy = rng.uniform(-6, 6, 2) * math.pi / max(w, h)
            f += rng.uniform(0.3, 1.0) * np.sin(fx * x + fy * y + rng.uniform(0, 2 * math.pi))
        f = (f - f.min()) / max(f.max() - f.min(), 1e-9)
        out.append(np.clip(np.round(f * rng.uniform(150, 255) + rng.uniform(0, 40)), 0, 255))
    a = np.stack(out, axis=-1).astype(np.uint8)
    return a[:, :, 0] if channels == 1 else a


def shapes(w, h, channels=3):
    a = np.empty((h, w, channels), np.uint8)
    a[:] = rng.integers(0, 256, channels)
    y, x = np.mgrid[0:h, 0:w]
    for _ in range(5):
        c = rng.integers(0, 256, channels)
        if rng.random() < 0.5:
            cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(3, max(w, h) / 3)
            a[(x - cx) ** 2 + (y - cy) ** 2 < r * r] = c
        else:
            x0, y0 = rng.integers(0, w), rng.integers(0, h)
            a[y0:y0 + rng.integers(1, h + 1), x0:x0 + rng.integers(1, w + 1)] = c
    return a[:, :, 0] if channels == 1 else a


def images():
    for v in (0, 1, 127, 128, 255):
        yield f"flat-gray-{v}", np.full((48, 64), v, np.uint8)
    yield "flat-rgb", np.full((33, 47, 3), (200, 30, 90), np.uint8)
    for w, h in [(1, 1), (2, 2), (3, 2), (1, 7), (7, 1), (5, 5), (9, 8), (8, 9), (2, 31)]:
        yield f"tiny-{w}x{h}", rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    y, x = np.mgrid[0:61, 0:97]
    yield "gradient-h", (x * 255 // 96).astype(np.uint8)
    yield "gradient-v", (y * 255 // 60).astype(np.uint8)
    yield "gradient-d", ((x + y) * 255 // 156).astype(np.uint8)
    # Structures whose DCT coefficients vanish by symmetry (exact zeros decide median bits).
    row = rng.integers(0, 256, 64, dtype=np.uint8)
    yield "constant-columns", np.tile(row, (40, 1))
    yield "constant-rows", np.tile(row[:40, None], (1, 64))
    half = rng.integers(0, 256, (32, 16), dtype=np.uint8)
    yield "mirror-lr", np.concatenate([half, half[:, ::-1]], axis=1)
    lr = np.concatenate([half, half[:, ::-1]], axis=1)
    yield "mirror-both", np.concatenate([lr, lr[::-1]], axis=0)
    yield "checker-32", ((x[:32, :32] // 4 + y[:32, :32] // 4) % 2 * 255).astype(np.uint8)
    for i, (w, h) in enumerate([(160, 120), (120, 160), (181, 135), (135, 181), (40, 300), (300, 40), (64, 256), (129, 97)]):
        yield f"smooth-gray-{w}x{h}", smooth_field(w, h)
        yield f"smooth-rgb-{w}x{h}", smooth_field(w, h, channels=3)
    for i, (w, h) in enumerate([(96, 64), (64, 96), (200, 150), (37, 53)]):
        yield f"shapes-{w}x{h}", shapes(w, h)
    for w, h in [(50, 50), (31, 17), (128, 128)]:
        yield f"noise-{w}x{h}", rng.integers(0, 256, (h, w, 3), dtype=np.uint8)


SIZES = {"ahash": [2, 3, 4, 5, 8, 16], "dhash": [2, 3, 4, 5, 8, 16],
         "dhash_vertical": [2, 3, 4, 5, 8, 16], "phash": [2, 3, 4, 8, 16],
         "phash_simple": [2, 4, 8]}


def main():
    os.makedirs(os.path.join(OUT, "images"), exist_ok=True)
    for f in os.listdir(os.path.join(OUT, "images")):
        os.remove(os.path.join(OUT, "images", f))
    rows = []
    for name, a in images():
        im = Image.fromarray(a, "L" if a.ndim == 2 else "RGB")
        ext = "pgm" if a.ndim == 2 else "ppm"
        im.save(os.path.join(OUT, "images", f"{name}.{ext}"))
        back = Image.open(os.path.join(OUT, "images", f"{name}.{ext}"))
        assert np.array_equal(np.asarray(back), a)
        for alg, sizes in SIZES.items():
            fn = getattr(imagehash, "average_hash" if alg == "ahash" else alg)
            for n in sizes:
                factors = [4] if alg == "phash" and n > 8 else ([2, 3, 4] if alg.startswith("phash") else [0])
                for hf in factors:
                    h = fn(im, hash_size=n, highfreq_factor=hf) if hf else fn(im, hash_size=n)
                    rows.append(f"{name}.{ext}\t{alg}\t{n}\t{hf}\t{h}")
    with open(os.path.join(OUT, "expected.tsv"), "w") as f:
        f.write("# ImageHash 4.3.2, Pillow 13.0.0: file, algorithm, hash_size, highfreq_factor (0 = n/a), str(hash)\n")
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} reference hashes for {len(os.listdir(os.path.join(OUT, 'images')))} images", file=sys.stderr)


if __name__ == "__main__":
    main()
