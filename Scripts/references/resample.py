#!/usr/bin/env python3
"""Reference outputs of Pillow's Image.resize for PerceptualHash's resampling tests.

Inputs are generated here from a seed (SplitMix64, the same generator as the Swift tests'
Support/SplitMix64.swift), so the fixtures hold only the case and Pillow's output:

    <mode> <w> <h> <kind> <seed> <filter> <W> <H> <output>

<output> is the output bytes in hex when there are at most 32 of them, else
"fnv:<FNV-1a 64 of the bytes, 16 hex digits>". For mode F, the input samples are
`byte * 0.25 - 7.5` (float32) and the output is the float32 values, big-endian bit patterns
in hex.

Run with Pillow 13 to write Fixtures/resample/pillow13.txt, and with Pillow 12.x (for
example `python -m venv p12 && p12/bin/pip install pillow==12.0.0`) to write
Fixtures/resample/pillow12.txt (only the cases whose pass order differs between the two).
"""
import os
import struct
import sys

from PIL import Image

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


CHANNELS = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4, "F": 1}


def generate(w, h, channels, kind, seed):
    """kind 0: every sample = top byte of the generator.
    kind 1: a smooth ramp with hard-edged blocks and some noise (realistic edges, clipping).
    Alpha channels (last of LA/RGBA) in kind 1 take values 0, 255 and random."""
    rng = SplitMix64(seed)
    out = bytearray(w * h * channels)
    i = 0
    for y in range(h):
        for x in range(w):
            for c in range(channels):
                r = rng.next() >> 56
                if kind == 0:
                    v = r
                else:
                    block = ((x // 3) + (y // 5)) % 2
                    v = ((x * 7 + y * 13 + c * 50) % 256) if block else (255 - (y * 255) // max(1, h - 1))
                    v = (v + (r & 15) - 8) & 255 if r < 96 else v
                out[i] = v
                i += 1
    return bytes(out)


def fnv1a64(data):
    hsh = 0xCBF29CE484222325
    for b in data:
        hsh ^= b
        hsh = (hsh * 0x100000001B3) & MASK
    return hsh


FILTERS = [
    ("nearest", Image.Resampling.NEAREST),
    ("box", Image.Resampling.BOX),
    ("bilinear", Image.Resampling.BILINEAR),
    ("hamming", Image.Resampling.HAMMING),
    ("bicubic", Image.Resampling.BICUBIC),
    ("lanczos", Image.Resampling.LANCZOS),
]

# Gray and RGB inputs: many shapes, including 1xN, Nx1, primes and tall portraits.
SIZES = [
    (1, 1), (1, 7), (7, 1), (2, 2), (3, 5), (13, 17), (31, 29), (64, 48), (97, 101),
    (200, 150), (40, 160), (17, 251), (30, 300), (90, 400), (257, 3), (2, 97),
]


def targets(w, h):
    t = [
        (8, 8), (9, 8), (8, 9), (32, 32), (1, 1), (1, h), (w, 1),
        (max(1, w // 2), max(1, h // 3)),       # down
        (2 * w + 1, 3 * h),                      # up
        (max(1, w // 2), 2 * h + 1),             # mixed
        (3 * w, max(1, h // 2)),                 # mixed
        (w, max(1, h // 4)),                     # vertical only
        (max(1, w // 3), h),                     # horizontal only
        (max(1, w - 1), max(1, h // 7)),         # strong vertical reduction (Pillow 13: vertical first)
        (w, h),                                  # same size: a copy
    ]
    seen, out = set(), []
    for s in t:
        if s not in seen and s[0] * s[1] <= 40000:
            seen.add(s)
            out.append(s)
    return out


def vertical_first(w, h, W, H):
    return (h - H) > 0 and (h - H) > 2 * (w - W)


def encode(mode, data):
    if mode == "F":
        return data.hex()  # already big-endian float32 bits
    if len(data) <= 32:
        return data.hex()
    return "fnv:%016x" % fnv1a64(data)


_inputs = {}


def run_case(mode, w, h, kind, seed, fname, filt, W, H):
    ch = CHANNELS[mode]
    key = (w, h, ch, kind, seed)
    if key not in _inputs:
        _inputs[key] = generate(w, h, ch, kind, seed)
    raw = _inputs[key]
    if mode == "F":
        vals = [b * 0.25 - 7.5 for b in raw]
        im = Image.frombytes("F", (w, h), struct.pack("<%df" % len(vals), *vals))
        out = im.resize((W, H), filt)
        fl = struct.unpack("<%df" % (W * H), out.tobytes())
        data = struct.pack(">%df" % len(fl), *fl)
    else:
        im = Image.frombytes(mode, (w, h), raw)
        data = im.resize((W, H), filt).tobytes()
    return f"{mode} {w} {h} {kind} {seed} {fname} {W} {H} {encode(mode, data)}"


def cases():
    seed = 1000
    for mode in ("L", "RGB"):
        for (w, h) in SIZES:
            for kind in (0, 1):
                seed += 1
                for (W, H) in targets(w, h):
                    for fname, filt in FILTERS:
                        yield (mode, w, h, kind, seed, fname, filt, W, H)
    for mode in ("LA", "RGBA"):
        for (w, h) in [(1, 1), (5, 3), (13, 17), (40, 160), (64, 48)]:
            seed += 1
            for (W, H) in [(8, 8), (1, 1), (2 * w + 1, max(1, h // 2)), (max(1, w - 1), max(1, h // 7))]:
                for fname, filt in FILTERS:
                    yield (mode, w, h, 1, seed, fname, filt, W, H)
    for (w, h) in [(1, 1), (6, 5), (13, 17), (40, 160)]:
        seed += 1
        for (W, H) in [(8, 8), (3, 2), (1, 4), (7, 1), (2 * w + 1, 3)]:
            if W * H > 64:
                continue
            for fname, filt in FILTERS:
                yield ("F", w, h, 0, seed, fname, filt, W, H)


def main():
    import PIL

    major = int(PIL.__version__.split(".")[0])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "Tests", "PerceptualHashTests", "Fixtures", "resample")
    os.makedirs(root, exist_ok=True)
    name = "pillow13.txt" if major >= 13 else "pillow12.txt"
    lines = [f"# Pillow {PIL.__version__} Image.resize, generated by Scripts/references/resample.py",
             "# mode w h kind seed filter W H output(hex | fnv:FNV-1a-64)"]
    for (mode, w, h, kind, seed, fname, filt, W, H) in cases():
        if major < 13:
            # Pillow 12 keeps the horizontal-first order: keep the cases where 13 differs.
            if fname == "nearest" or W == w or H == h or not vertical_first(w, h, W, H):
                continue
        lines.append(run_case(mode, w, h, kind, seed, fname, filt, W, H))
    with open(os.path.join(root, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 2} cases to {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
