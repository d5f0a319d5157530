#!/usr/bin/env python3
"""Bit patterns of scipy.fftpack.dct (SciPy 1.17, pocketfft) for DCTAlgorithm.scipyFFTPack.

Writes Tests/PerceptualHashTests/Fixtures/scipy-dct/:
  dct1d.tsv   N, kind, inputs (decimal, or x<16 hex digits> for a float64 bit pattern),
              outputs: the float64 bit patterns of scipy.fftpack.dct(x), 16 hex digits each,
              concatenated
  dct2d.tsv   rows, columns, kind, inputs (row-major), outputs of
              scipy.fftpack.dct(scipy.fftpack.dct(a, axis=0), axis=1), row-major
  mean.tsv    numpy's mean of an N x N slice dct[:N, 1:N+1] (RowDCTHash's threshold): N,
              inputs (or "formula" for x[r][c] = ((131 r + 71 c) % 1000) * 2^((7 r + 3 c) % 41 - 20)),
              the float64 bit pattern of the mean
  roots.tsv   pocketfft's twiddle table: n, angle step, FNV-1a fold of all entries, and for
              some n every entry (re, im bit patterns) of exp(2 pi i k / n), k = 0...n

The twiddle reference is pocketfft's recipe evaluated with Python's math.cos/math.sin (glibc):
ang = double(0.25L * pi / n) with x87 extended-precision rounding emulated exactly, values
cos/sin(double(8k folded into the first octant) * ang), entries as complex products of two
stored values. Run from the repository root:  python3 Scripts/references/scipy_dct_exact.py
"""
import math
import os
import struct
from fractions import Fraction

import numpy as np
import scipy
import scipy.fftpack as fftpack
from PIL import Image

assert scipy.__version__ == "1.17.1", scipy.__version__
OUT = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "scipy-dct")
IMAGES = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "imagehash", "images")
rng = np.random.default_rng(20260517)


def bits(v):
    return struct.unpack("<Q", struct.pack("<d", float(v)))[0]


def hexes(values):
    return "".join(f"{bits(v):016x}" for v in values)


def tokens(values):
    out = []
    for v in values:
        v = float(v)
        out.append(str(int(v)) if v.is_integer() and abs(v) < 1e15 and bits(v) != bits(-0.0) else f"x{bits(v):016x}")
    return ",".join(out)


# ---- pocketfft's roots of unity ------------------------------------------------------------
PI_EXTENDED = Fraction(0xC90FDAA22168C235, 1 << 62)  # pi rounded to a 64-bit significand


def round_significand(q, digits):
    e = q.numerator.bit_length() - q.denominator.bit_length()
    while Fraction(2) ** e > q:
        e -= 1
    while Fraction(2) ** (e + 1) <= q:
        e += 1
    scale = Fraction(2) ** (digits - 1 - e)
    m = q * scale
    whole = m.numerator // m.denominator
    rest = m - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1):
        whole += 1
    return Fraction(whole) / scale


def angle_step(n):
    return float(round_significand(round_significand(PI_EXTENDED / 4 / n, 64), 53))


def octant_root(x, n, ang):
    c, s = math.cos, math.sin
    x <<= 3
    if x < 4 * n:
        if x < 2 * n:
            if x < n:
                return c(x * ang), s(x * ang)
            return s((2 * n - x) * ang), c((2 * n - x) * ang)
        x -= 2 * n
        if x < n:
            return -s(x * ang), c(x * ang)
        return -c((2 * n - x) * ang), s((2 * n - x) * ang)
    x = 8 * n - x
    if x < 2 * n:
        if x < n:
            return c(x * ang), -s(x * ang)
        return s((2 * n - x) * ang), -c((2 * n - x) * ang)
    x -= 2 * n
    if x < n:
        return -s(x * ang), -c(x * ang)
    return -c((2 * n - x) * ang), -s((2 * n - x) * ang)


def root_table(n):
    ang = angle_step(n)
    half = (n + 2) // 2
    shift = 1
    while (1 << shift) * (1 << shift) < half:
        shift += 1
    mask = (1 << shift) - 1
    low = [(1.0, 0.0)] + [octant_root(i, n, ang) for i in range(1, mask + 1)]
    high = [(1.0, 0.0)] + [octant_root(i * (mask + 1), n, ang) for i in range(1, (half + mask) // (mask + 1))]
    table = []
    for k in range(n + 1):
        j = k if 2 * k <= n else n - k
        a, b = low[j & mask], high[j >> shift]
        re, im = a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]
        table.append((re, im if 2 * k <= n else -im))
    return ang, table


def fnv(table):
    h = 0xCBF29CE484222325
    for re, im in table:
        for w in (bits(re), bits(im)):
            h = ((h ^ w) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


# ---- inputs --------------------------------------------------------------------------------
def kinds_1d(n):
    if n <= 32 or n % 32 == 0:
        yield "constant", np.full(n, 131.0)
    half = rng.integers(0, 256, (n + 1) // 2).astype(float)
    yield "mirrored", np.concatenate([half, half[::-1][n % 2:]])
    d = rng.integers(-60, 61, n // 2).astype(float)
    yield "antisymmetric", np.concatenate([100 + d, [100.0] * (n % 2), 100 - d[::-1]])
    yield "random", rng.integers(0, 256, n).astype(float)
    if n <= 40 or n in (64, 96):
        yield "normal", rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 3)


def gray(name, size):
    im = Image.open(os.path.join(IMAGES, name)).convert("L").resize((size, size), Image.Resampling.LANCZOS)
    return np.asarray(im, dtype=np.float64)


def kinds_2d(r, c):
    yield "random", rng.integers(0, 256, (r, c)).astype(float)
    if r == c and r != 64:
        q = rng.integers(0, 256, ((r + 1) // 2, (c + 1) // 2)).astype(float)
        top = np.concatenate([q, q[:, ::-1][:, c % 2:]], axis=1)
        yield "mirror-both", np.concatenate([top, top[::-1][r % 2:]], axis=0)
        yield "tiny-2x2-lanczos", gray("tiny-2x2.ppm", r)
        yield "checker-32-lanczos", gray("checker-32.pgm", r)
    if r == c == 32:
        yield "gradient-d-lanczos", gray("gradient-d.pgm", 32)
        yield "tiny-3x2-lanczos", gray("tiny-3x2.ppm", 32)


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ["# scipy.fftpack.dct(x) (SciPy 1.17.1): N, kind, inputs, output bit patterns"]
    for n in list(range(1, 71)) + [96, 128, 256]:
        for kind, x in kinds_1d(n):
            y = fftpack.dct(x)
            lines.append(f"{n}\t{kind}\t{tokens(x)}\t{hexes(y)}")
    with open(os.path.join(OUT, "dct1d.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["# dct(dct(a, axis=0), axis=1) (SciPy 1.17.1): rows, columns, kind, inputs, outputs"]
    for r, c in [(8, 8), (9, 9), (12, 12), (16, 16), (24, 24), (32, 32), (64, 64), (6, 10), (7, 5)]:
        for kind, a in kinds_2d(r, c):
            y = fftpack.dct(fftpack.dct(a, axis=0), axis=1)
            lines.append(f"{r}\t{c}\t{kind}\t{tokens(a.ravel())}\t{hexes(y.ravel())}")
    with open(os.path.join(OUT, "dct2d.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["# numpy 2.4 mean of a non-contiguous N x N slice: N, inputs, mean bits"]
    for n in (2, 3, 4, 5, 8, 9, 16, 23):
        full = rng.standard_normal((n + 2, n + 2)) * np.exp(rng.uniform(-20, 20, (n + 2, n + 2)))
        block = full[:n, 1:n + 1]
        lines.append(f"{n}\t{tokens(block.ravel())}\t{bits(block.mean()):016x}")
    for n in (91, 100, 120):
        r, c = np.mgrid[0:n + 2, 0:n + 2]
        full = ((131 * r + 71 * c) % 1000).astype(float) * np.exp2(((7 * r + 3 * c) % 41) - 20.0)
        block = full[:n, 1:n + 1]
        lines.append(f"{n}\tformula\t{bits(block.mean()):016x}")
    with open(os.path.join(OUT, "mean.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["# pocketfft roots of unity: n, angle step bits, FNV-1a of all (re, im) bits, [entries]"]
    full = set(range(1, 25)) | {32, 96, 128}
    for n in range(1, 1025):
        ang, table = root_table(n)
        entries = hexes(v for pair in table for v in pair) if n in full else ""
        lines.append(f"{n}\t{bits(ang):016x}\t{fnv(table):016x}\t{entries}")
    with open(os.path.join(OUT, "roots.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
