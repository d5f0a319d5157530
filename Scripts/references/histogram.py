#!/usr/bin/env python3
"""Reference values for the histogram comparators, from OpenCV 5.0 (cv2.compareHist,
cv2.calcHist), NumPy and SciPy.

Writes, under Tests/PerceptualHashTests/Fixtures/histogram/:

compare.txt  one line per pair of float32 histograms:
             `h1;h2;correl chisqr intersect bhattacharyya chisqr_alt kl_div;euclidean cosine`
             h1, h2: space-separated values (Python repr of the float32 value as a double, so
             they parse back exactly); the six cv2.compareHist results (methods 0...5, in that
             order) and numpy's L2 norm of h1 - h2 and 1 - scipy's cosine distance (computed in
             float64), all as repr (round-trip) doubles; `nan` where scipy has no value (a zero
             vector).
calchist.txt `image <id> <width> <height> <channels> <hex samples, row-major, interleaved>`
             `hist <id> <channel> <bins> <grid> <row> <column> <count> <count> ...`
             the counts of cv2.calcHist([cell], [channel], None, [bins], [0, 256]) where cell is
             the image region of grid cell (row, column): rows row*h//grid ..< (row+1)*h//grid,
             columns column*w//grid ..< (column+1)*w//grid (grid 1 = the whole image).

Seeded and self-contained: `python3 Scripts/references/histogram.py` rewrites the files.
"""
import os

import cv2
import numpy as np
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "PerceptualHashTests",
                   "Fixtures", "histogram")


def fmt(values):
    return " ".join(repr(float(v)) for v in values)


def pair_kinds(rng, n):
    """Named generators of (h1, h2) float32 pairs of length n."""
    def sparse_uniform():
        a = rng.random(n) * (rng.random(n) > 0.3)
        b = rng.random(n) * (rng.random(n) > 0.3)
        return a, b

    def counts():
        return rng.poisson(20, n).astype(float), rng.poisson(20, n).astype(float)

    def big_counts():
        a = rng.integers(0, 50000, n) * (rng.random(n) > 0.2)
        b = rng.integers(0, 50000, n) * (rng.random(n) > 0.2)
        return a.astype(float), b.astype(float)

    def normalized():
        a = rng.random(n) ** 3 * (rng.random(n) > 0.25)
        b = rng.random(n) ** 3 * (rng.random(n) > 0.25)
        sa, sb = a.sum(), b.sum()
        return (a / sa if sa else a), (b / sb if sb else b)

    def tiny():
        # values around DBL_EPSILON, to exercise the skip / 1e-10 rules
        scale = np.array([0, 1e-18, 1e-16, 3e-16, 1e-12, 0.5])
        return rng.choice(scale, n), rng.choice(scale, n)

    def zero_first():
        return np.zeros(n), rng.random(n)

    def zero_second():
        return rng.random(n), np.zeros(n)

    def zeros():
        return np.zeros(n), np.zeros(n)

    def constant():
        return np.full(n, 3.0), rng.random(n) * 10

    def identical():
        a = rng.random(n) * (rng.random(n) > 0.3)
        return a, a.copy()

    return [sparse_uniform, counts, big_counts, normalized, tiny, zero_first, zero_second,
            zeros, constant, identical]


def compare_lines(rng):
    lines = []
    for n in [1, 2, 3, 4, 7, 8, 9, 16, 17, 31, 64, 100, 256]:
        for kind in pair_kinds(rng, n):
            a, b = kind()
            h1 = np.asarray(a, dtype=np.float32)
            h2 = np.asarray(b, dtype=np.float32)
            cv = [cv2.compareHist(h1, h2, m) for m in range(6)]
            d1, d2 = h1.astype(np.float64), h2.astype(np.float64)
            l2 = float(np.linalg.norm(d1 - d2))
            if d1.any() and d2.any():
                cos = 1.0 - float(distance.cosine(d1, d2))
            else:
                cos = float("nan")
            lines.append(f"{fmt(h1)};{fmt(h2)};{fmt(cv)};{fmt([l2, cos])}")
    return lines


def images(rng):
    """(id, uint8 array HxW or HxWx3) test images: odd sizes, several value distributions."""
    out = []
    out.append(("g1x1", rng.integers(0, 256, (1, 1), dtype=np.uint8)))
    out.append(("g7x5", rng.integers(0, 256, (5, 7), dtype=np.uint8)))
    out.append(("g13x11", rng.integers(0, 256, (11, 13), dtype=np.uint8)))
    out.append(("g31x17clustered",
                np.clip(rng.normal(100, 12, (17, 31)), 0, 255).astype(np.uint8)))
    y, x = np.mgrid[0:29, 0:37]
    out.append(("g37x29gradient", ((x * 7 + y * 3) % 256).astype(np.uint8)))
    out.append(("rgb23x19", rng.integers(0, 256, (19, 23, 3), dtype=np.uint8)))
    out.append(("rgb9x4", rng.integers(0, 256, (4, 9, 3), dtype=np.uint8)))
    return out


def calchist_lines(rng):
    lines = []
    for ident, img in images(rng):
        h, w = img.shape[:2]
        channels = 1 if img.ndim == 2 else img.shape[2]
        lines.append(f"image {ident} {w} {h} {channels} {img.tobytes().hex()}")
        for bins in [1, 2, 3, 7, 64, 100, 255, 256]:
            for grid in [1, 2, 3, 5]:
                for row in range(grid):
                    for column in range(grid):
                        if grid > 1 and bins not in (7, 256):
                            continue
                        y0, y1 = row * h // grid, (row + 1) * h // grid
                        x0, x1 = column * w // grid, (column + 1) * w // grid
                        cell = np.ascontiguousarray(img[y0:y1, x0:x1])
                        for c in range(channels):
                            if cell.size == 0:
                                counts = np.zeros(bins)
                            else:
                                counts = cv2.calcHist([cell], [c], None, [bins], [0, 256]).ravel()
                            values = " ".join(str(int(v)) for v in counts)
                            lines.append(f"hist {ident} {c} {bins} {grid} {row} {column} {values}")
    return lines


def main():
    os.makedirs(OUT, exist_ok=True)
    header = (f"# generated by Scripts/references/histogram.py with OpenCV {cv2.__version__}, "
              f"NumPy {np.__version__}")
    rng = np.random.default_rng(20240604)
    with open(os.path.join(OUT, "compare.txt"), "w") as f:
        f.write(header + "\n" + "\n".join(compare_lines(rng)) + "\n")
    rng = np.random.default_rng(4242)
    with open(os.path.join(OUT, "calchist.txt"), "w") as f:
        f.write(header + "\n" + "\n".join(calchist_lines(rng)) + "\n")


if __name__ == "__main__":
    main()
