#!/usr/bin/env python3
"""Reference values for the DCT: scipy.fftpack.dct (type 2) on seeded inputs.

Writes Tests/PerceptualHashTests/Fixtures/dct/scipy-dct.txt, one record per line:

    1d <N> <norm> <input> <output>
    2d <rows> <columns> <norm> <input> <output>

norm is "none" (scipy's default, norm=None) or "ortho". 1-D inputs are uniform floats in
[-1, 1) as float64; 2-D inputs are integer planes 0..255 (what ImageHash's phash sees after
LANCZOS resizing), row-major, one byte each as two hex digits. Every float64 is written as the
16 hex digits of its IEEE-754 bit pattern (big-endian), concatenated without separators.
2-D outputs are scipy.fftpack.dct(scipy.fftpack.dct(a, axis=0), axis=1), as in phash.

Re-run: python3 Scripts/references/dct.py
"""
import os
import struct

import numpy as np
import scipy
import scipy.fftpack

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "PerceptualHashTests",
                   "Fixtures", "dct", "scipy-dct.txt")


def f64hex(values):
    return "".join(struct.pack(">d", float(v)).hex() for v in np.ravel(values))


def main():
    rng = np.random.default_rng(20240603)
    lines = [
        f"# scipy {scipy.__version__}, numpy {np.__version__}: scipy.fftpack.dct type 2",
        "# 1d N norm input(float64 hex) output(float64 hex)",
        "# 2d rows columns norm input(uint8 hex) output(float64 hex)",
    ]
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 31, 32, 33, 63, 64, 100, 128]:
        x = rng.uniform(-1.0, 1.0, n)
        for norm in ("none", "ortho"):
            y = scipy.fftpack.dct(x, type=2, norm=None if norm == "none" else "ortho")
            lines.append(f"1d {n} {norm} {f64hex(x)} {f64hex(y)}")
    for rows, cols, count in [(32, 32, 4), (64, 64, 1), (8, 8, 2), (9, 8, 1), (8, 9, 1), (16, 16, 2)]:
        for _ in range(count):
            a = rng.integers(0, 256, size=(rows, cols)).astype(np.uint8)
            for norm in ("none", "ortho"):
                nm = None if norm == "none" else "ortho"
                af = a.astype(np.float64)
                y = scipy.fftpack.dct(scipy.fftpack.dct(af, axis=0, norm=nm), axis=1, norm=nm)
                lines.append(f"2d {rows} {cols} {norm} {a.tobytes().hex()} {f64hex(y)}")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
