#!/usr/bin/env python3
"""PDQ reference values from pdqhash 0.2.8 (Python bindings of Meta's C++ PDQ).

Modes:
  python3 Scripts/references/pdq.py
      Writes Tests/PerceptualHashTests/Fixtures/pdq/cases.tsv (hash, quality and the eight
      dihedral hashes of generated images), dct.tsv (the float 16x16 DCT output of some of
      them) and matrix.txt (the 16x64 DCT matrix as the C++ code builds it, float bits).
  python3 Scripts/references/pdq.py corpus FOLDER... > out.tsv
      Hashes every binary 8-bit PPM (P6, maxval 255) directly in each FOLDER and prints
      `path<TAB>hex<TAB>quality<TAB>seconds<TAB>dihedral` (seconds: pdqhash.compute alone;
      dihedral: the eight hex hashes of pdqhash.compute_dihedral, comma-separated); used by
      Scripts/conformance.sh.

The images are made with integer formulas that the Swift tests repeat exactly
(Tests/PerceptualHashTests/Hashing/PDQHashTests.swift, `PDQCase.image`):

  gradient  r = x*255 // max(w-1,1), g = y*255 // max(h-1,1),
            b = (x+y)*255 // max(w+h-2,1)
  noise     a 31-bit LCG, s = (s*1103515245 + 12345) % 2**31 starting at s = seed, one step
            per sample in row-major, channel order; sample = (s >> 16) & 255
  grey      the noise formula with one sample per pixel, copied to r, g and b
  flat      every sample = seed
  blocks    8x8 cells: sample = ((x//8)*37 + (y//8)*91 + c*53 + seed) % 256 for channel c
  mirror    gradient-like image symmetric about the vertical centre line:
            v = min(x, w-1-x), r = v*7 % 256, g = y*5 % 256, b = (v+y)*3 % 256
"""
import math
import os
import struct
import sys
import time

import numpy as np
import pdqhash

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "PerceptualHashTests", "Fixtures", "pdq")


def lcg_bytes(count, seed):
    out = bytearray(count)
    s = seed
    for i in range(count):
        s = (s * 1103515245 + 12345) % 2147483648
        out[i] = (s >> 16) & 255
    return out


def image(kind, w, h, seed):
    if kind == "gradient":
        a = np.zeros((h, w, 3), dtype=np.uint8)
        for y in range(h):
            for x in range(w):
                a[y, x] = (x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1),
                           (x + y) * 255 // max(w + h - 2, 1))
        return a
    if kind == "noise":
        return np.frombuffer(bytes(lcg_bytes(w * h * 3, seed)), dtype=np.uint8).reshape(h, w, 3).copy()
    if kind == "grey":
        g = np.frombuffer(bytes(lcg_bytes(w * h, seed)), dtype=np.uint8).reshape(h, w, 1)
        return np.repeat(g, 3, axis=2).copy()
    if kind == "flat":
        return np.full((h, w, 3), seed, dtype=np.uint8)
    if kind == "blocks":
        a = np.zeros((h, w, 3), dtype=np.uint8)
        for y in range(h):
            for x in range(w):
                for c in range(3):
                    a[y, x, c] = ((x // 8) * 37 + (y // 8) * 91 + c * 53 + seed) % 256
        return a
    if kind == "mirror":
        a = np.zeros((h, w, 3), dtype=np.uint8)
        for y in range(h):
            for x in range(w):
                v = min(x, w - 1 - x)
                a[y, x] = (v * 7 % 256, y * 5 % 256, (v + y) * 3 % 256)
        return a
    raise ValueError(kind)


CASES = [
    # kind, width, height, seed
    ("flat", 1, 1, 128), ("noise", 1, 1, 1), ("noise", 2, 2, 2), ("noise", 4, 4, 3),
    ("noise", 4, 10, 4), ("noise", 10, 4, 5), ("flat", 10, 10, 0), ("noise", 5, 5, 6),
    ("gradient", 5, 5, 0), ("noise", 6, 7, 7), ("noise", 10, 10, 8), ("gradient", 10, 10, 0),
    ("noise", 17, 13, 9), ("gradient", 63, 64, 0), ("gradient", 64, 64, 0), ("noise", 64, 64, 10),
    ("grey", 64, 64, 11), ("flat", 64, 64, 200), ("noise", 65, 64, 12), ("noise", 64, 65, 13),
    ("gradient", 100, 37, 0), ("noise", 31, 200, 14), ("noise", 300, 20, 15),
    ("gradient", 128, 128, 0), ("noise", 128, 128, 16), ("noise", 129, 97, 17),
    ("grey", 257, 255, 18), ("noise", 257, 255, 19), ("blocks", 96, 80, 20),
    ("blocks", 333, 251, 21), ("mirror", 64, 64, 0), ("mirror", 121, 90, 0),
    ("flat", 200, 150, 77), ("gradient", 640, 480, 0), ("noise", 640, 480, 22),
    ("grey", 500, 701, 23), ("noise", 1030, 9, 24), ("noise", 9, 1030, 25),
]

DCT_CASES = {("gradient", 64, 64, 0), ("noise", 64, 64, 10), ("noise", 17, 13, 9),
             ("noise", 129, 97, 17), ("blocks", 96, 80, 20), ("mirror", 121, 90, 0)}


def to_hex(bits):
    """The 256 values as one binary number, first value most significant."""
    return "".join("%x" % int("".join(str(int(b)) for b in bits[i:i + 4]), 2) for i in range(0, 256, 4))


def float_bits(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", float(v)))[0]


def dct_matrix():
    """The C++ code's table: float(sqrt(2/64)) * cos((pi/2/64)*(i+1)*(2j+1)) in double, stored as float."""
    scale = float(np.float32(math.sqrt(2.0 / 64.0)))
    return [float(np.float32(scale * math.cos((math.pi / 2.0 / 64.0) * (i + 1) * (2 * j + 1))))
            for i in range(16) for j in range(64)]


def write_fixtures():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("# pdqhash %s: kind width height seed hex quality dihedral(8 hex, comma-separated:"
                " original,rotate90,rotate180,rotate270,flipX,flipY,flipPlus1,flipMinus1)\n"
                % pdqhash.__version__)
        for kind, w, h, seed in CASES:
            a = image(kind, w, h, seed)
            bits, quality = pdqhash.compute(a)
            dihedral, quality2 = pdqhash.compute_dihedral(a)
            assert quality == quality2
            if min(w, h) >= 5:  # pdqhash's dihedral path has no 64x64 shortcut
                assert to_hex(dihedral[0]) == to_hex(bits) or (w, h) == (64, 64), (kind, w, h)
            f.write("%s\t%d\t%d\t%d\t%s\t%d\t%s\n" % (
                kind, w, h, seed, to_hex(bits), quality, ",".join(to_hex(d) for d in dihedral)))
    with open(os.path.join(OUT, "dct.tsv"), "w") as f:
        f.write("# pdqhash %s compute_float: kind width height seed, then the 16x16 DCT output"
                " row-major as float32 bit patterns\n" % pdqhash.__version__)
        for kind, w, h, seed in CASES:
            if (kind, w, h, seed) not in DCT_CASES:
                continue
            values, _ = pdqhash.compute_float(image(kind, w, h, seed))
            values = values[::-1]  # compute_float returns the flattened buffer reversed
            f.write("%s\t%d\t%d\t%d\t%s\n" % (kind, w, h, seed, ",".join(float_bits(v) for v in values)))
    with open(os.path.join(OUT, "matrix.txt"), "w") as f:
        f.write("# PDQ DCT matrix, 16 rows x 64 columns, float32 bit patterns, one row per line\n")
        m = dct_matrix()
        for i in range(16):
            f.write(" ".join(float_bits(v) for v in m[i * 64:(i + 1) * 64]) + "\n")


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, i = [], 0
    while len(fields) < 4:
        while data[i:i + 1].isspace():
            i += 1
        if data[i:i + 1] == b"#":
            while data[i:i + 1] not in (b"\n", b"\r"):
                i += 1
            continue
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        fields.append(data[i:j])
        i = j
    i += 1
    if fields[0] != b"P6" or int(fields[3]) != 255:
        return None
    w, h = int(fields[1]), int(fields[2])
    return np.frombuffer(data[i:i + w * h * 3], dtype=np.uint8).reshape(h, w, 3)


def corpus(folders):
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ppm"):
                continue
            a = read_ppm(os.path.join(folder, name))
            if a is None:
                print("skip\t%s\tnot an 8-bit P6" % name, file=sys.stderr)
                continue
            start = time.perf_counter()
            bits, quality = pdqhash.compute(a)
            seconds = time.perf_counter() - start
            dihedral, _ = pdqhash.compute_dihedral(a)
            print("%s\t%s\t%d\t%.6f\t%s" % (os.path.join(folder, name), to_hex(bits), quality, seconds,
                                             ",".join(to_hex(d) for d in dihedral)))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "corpus":
        corpus(sys.argv[2:])
    else:
        write_fixtures()
