#!/usr/bin/env python3
"""Netpbm reference values from Pillow.

Writes generated PGM/PPM files (plain and raw, 8-bit, odd and 16-bit maxvals; seeded) and
the pixels Pillow decodes from them to Tests/PerceptualHashTests/Fixtures/netpbm/pillow.txt,
one line per file:

    name mode width height file-hex pixel,pixel,...

`mode` is Pillow's image mode: L / RGB hold 8-bit values, I holds Pillow's 16-bit gray
(0...65535) for PGM files with maxval > 255. Re-run: python3 Scripts/references/netpbm.py
"""
import io
import os
import random

from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "PerceptualHashTests",
                   "Fixtures", "netpbm", "pillow.txt")


def make(magic, width, height, maxval, rng):
    channels = 3 if magic in ("P3", "P6") else 1
    samples = []
    for _ in range(width * height * channels):
        r = rng.random()
        samples.append(0 if r < 0.1 else maxval if r < 0.2 else rng.randint(0, maxval))
    head = f"{magic}\n{width} {height}\n{maxval}\n".encode()
    if magic in ("P2", "P3"):
        body = (" ".join(str(s) for s in samples) + "\n").encode()
    elif maxval < 256:
        body = bytes(samples)
    else:
        body = b"".join(s.to_bytes(2, "big") for s in samples)
    return head + body


def main():
    rng = random.Random(20240601)
    lines = ["# name mode width height file-hex pixels (Pillow " + Image.__version__ + ")"]
    for magic in ("P2", "P3", "P5", "P6"):
        for maxval in (1, 7, 15, 100, 255, 256, 1000, 4095, 65535):
            for (w, h) in ((5, 3), (1, 1)):
                data = make(magic, w, h, maxval, rng)
                im = Image.open(io.BytesIO(data))
                im.load()
                values = im.get_flattened_data() if hasattr(im, "get_flattened_data") else im.getdata()
                flat = []
                for v in values:
                    flat.extend(v if isinstance(v, tuple) else (v,))
                name = f"{magic}-m{maxval}-{w}x{h}"
                lines.append(f"{name} {im.mode} {w} {h} {data.hex()} {','.join(map(str, flat))}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} files to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
