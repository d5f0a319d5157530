#!/usr/bin/env python3
"""JPEG test files and the pixels Pillow 13 (libjpeg-turbo) decodes from them.

Writes small JPEG files into Tests/PerceptualHashDecodersTests/Fixtures/jpeg/: files saved
by Pillow (qualities 10-100, subsampling 4:4:4, 4:2:2, 4:2:0, progressive, optimize=True
Huffman tables, restart intervals, gray, odd sizes, 1x1) and files written by the small
baseline encoder below for what Pillow cannot write (4:4:0, 4:1:1, 1x2 luma, other
factor combinations, Adobe RGB, gray with sampling factors, EXIF orientation). For each,
pillow.tsv holds the SHA-256 of the pixels Pillow gives:

  name  width  height  pillow_mode  format  expected  l  ahash8  phash8  dhash8  orientation  upright

- format: gray8 for mode L, rgb8 for RGB;
- expected: sha256 of Image.open(f).tobytes();
- l: sha256 of Image.open(f).convert("L").tobytes();
- ahash8, phash8, dhash8: ImageHash's average_hash, phash and dhash of Image.open(f);
- orientation: the EXIF orientation tag Pillow reads (getexif()[0x0112]), "-" when absent;
- upright: sha256 of ImageOps.exif_transpose(Image.open(f)).tobytes(), then its width and
  height and ImageHash's phash, joined by commas.

The files up to 4 KiB are also the seed corpus of the JPEG fuzz target (Fuzz/Corpus/FuzzJPEG/).

    python3 Scripts/references/jpeg.py

`corpus OUTDIR FOLDER...` converts every .ppm of the folders to JPEG in several settings
(SETTINGS below) under OUTDIR and prints one line per JPEG, for phash-conformance's JPEG check:

  path  setting  pillow_mode  format  expected  ahash8  phash8  dhash8

    python3 Scripts/references/jpeg.py corpus /tmp/jpeg-corpus DATA_DIR/corpus/images
"""
import hashlib
import io
import os
import shutil
import struct
import sys

import numpy as np
from PIL import Image, ImageOps

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "Tests", "PerceptualHashDecodersTests", "Fixtures", "jpeg")
SEEDS = os.path.join(ROOT, "Fuzz", "Corpus", "FuzzJPEG")

ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
          13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
          45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
LUMA_Q = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
          14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
          49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
CHROMA_Q = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
            47, 66, 99, 99, 99, 99, 99, 99] + [99] * 32
# Annex K.3 typical Huffman tables: (counts for lengths 1..16, symbols).
DC_LUMA = ([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(12)))
DC_CHROMA = ([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], list(range(12)))
AC_LUMA = ([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d], bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a"
    "3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a929394"
    "95969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8"
    "e9eaf1f2f3f4f5f6f7f8f9fa"))
AC_CHROMA = ([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77], bytes.fromhex(
    "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728"
    "292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92"
    "939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7"
    "e8e9eaf2f3f4f5f6f7f8f9fa"))


def huff_codes(table):
    counts, symbols = table
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(counts[length - 1]):
            codes[symbols[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class Bits:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc = 0
                self.n = 0

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def category(v):
    v = abs(v)
    return 0 if v == 0 else int(v).bit_length()


def scaled_quant(base, quality):
    scale = 5000 // quality if quality < 50 else 200 - quality * 2
    return [min(255, max(1, (q * scale + 50) // 100)) for q in base]


DCT = np.array([[(np.sqrt(1 / 8) if u == 0 else np.sqrt(2 / 8)) * np.cos((2 * x + 1) * u * np.pi / 16)
                 for x in range(8)] for u in range(8)])


def encode(pixels, sampling, quality=75, restart=0, ids=None, adobe=None, jfif=True, exif=None):
    """A baseline JPEG of `pixels` (h x w x 1 or 3, uint8): sampling [(h, v)] per component;
    YCbCr from RGB unless adobe == 0 (RGB stored as is)."""
    h, w, nc = pixels.shape
    px = pixels.astype(np.float64)
    if nc == 3 and adobe != 0:
        r, g, b = px[..., 0], px[..., 1], px[..., 2]
        y = 0.299 * r + 0.587 * g + 0.114 * b
        cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
        cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
        px = np.stack([y, cb, cr], axis=-1)
    hmax = max(s[0] for s in sampling)
    vmax = max(s[1] for s in sampling)
    mw, mh = -(-w // (8 * hmax)), -(-h // (8 * vmax))
    padded = np.pad(px, ((0, mh * 8 * vmax - h), (0, mw * 8 * hmax - w), (0, 0)), mode="edge")
    quants = [scaled_quant(LUMA_Q, quality), scaled_quant(CHROMA_Q, quality)]
    planes = []
    for c, (sh, sv) in enumerate(sampling):
        fx, fy = hmax // sh, vmax // sv
        p = padded[..., c]
        p = p.reshape(p.shape[0] // fy, fy, p.shape[1] // fx, fx).mean(axis=(1, 3))
        planes.append(np.round(p) - 128)
    codes = [(huff_codes(DC_LUMA), huff_codes(AC_LUMA)), (huff_codes(DC_CHROMA), huff_codes(AC_CHROMA))]
    bits = Bits()
    data = bytearray()
    pred = [0] * nc
    mcu_count, rst = 0, 0
    # One component: a non-interleaved scan, one block per MCU in raster order.
    declared = sampling
    grid = [(my, mx) for my in range(mh) for mx in range(mw)]
    if nc == 1:
        grid = [(by, bx) for by in range(-(-h // 8)) for bx in range(-(-w // 8))]
        sampling = [(1, 1)]
    for my, mx in grid:
        if True:
            if restart and mcu_count and mcu_count % restart == 0:
                bits.flush()
                data += bits.out + bytes([0xFF, 0xD0 + rst])
                bits.out = bytearray()
                rst = (rst + 1) % 8
                pred = [0] * nc
            mcu_count += 1
            for c, (sh, sv) in enumerate(sampling):
                t = 0 if c == 0 else 1
                q = quants[t]
                dc_codes, ac_codes = codes[t]
                for by in range(sv):
                    for bx in range(sh):
                        y0, x0 = (my * sv + by) * 8, (mx * sh + bx) * 8
                        block = DCT @ planes[c][y0:y0 + 8, x0:x0 + 8] @ DCT.T
                        zz = [int(np.round(block.flat[ZIGZAG[k]] / q[ZIGZAG[k]])) for k in range(64)]
                        diff = zz[0] - pred[c]
                        pred[c] = zz[0]
                        s = category(diff)
                        bits.put(*dc_codes[s])
                        if s:
                            bits.put(diff if diff > 0 else diff + (1 << s) - 1, s)
                        run = 0
                        for k in range(1, 64):
                            v = zz[k]
                            if v == 0:
                                run += 1
                                continue
                            while run > 15:
                                bits.put(*ac_codes[0xF0])
                                run -= 16
                            s = category(v)
                            bits.put(*ac_codes[(run << 4) | s])
                            bits.put(v if v > 0 else v + (1 << s) - 1, s)
                            run = 0
                        if run:
                            bits.put(*ac_codes[0x00])
    bits.flush()
    data += bits.out

    def seg(marker, body):
        return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body
    out = bytearray(b"\xff\xd8")
    if jfif:
        out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    if exif is not None:
        tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(
            ">HHIHH", 0x0112, 3, 1, exif, 0) + struct.pack(">I", 0)
        out += seg(0xE1, b"Exif\x00\x00" + tiff)
    if adobe is not None:
        out += seg(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, adobe))
    out += seg(0xDB, bytes([0]) + bytes(quants[0][ZIGZAG[k]] for k in range(64)))
    if nc == 3:
        out += seg(0xDB, bytes([1]) + bytes(quants[1][ZIGZAG[k]] for k in range(64)))
    ids = ids or list(range(1, nc + 1))
    sof = struct.pack(">BHHB", 8, h, w, nc) + b"".join(
        bytes([ids[c], (declared[c][0] << 4) | declared[c][1], 0 if c == 0 else 1]) for c in range(nc))
    out += seg(0xC0, sof)
    for tc, th, table in [(0, 0, DC_LUMA), (1, 0, AC_LUMA), (0, 1, DC_CHROMA), (1, 1, AC_CHROMA)][:2 if nc == 1 else 4]:
        out += seg(0xC4, bytes([(tc << 4) | th] + table[0]) + bytes(table[1]))
    if restart:
        out += seg(0xDD, struct.pack(">H", restart))
    sos = bytes([nc]) + b"".join(bytes([ids[c], 0 if c == 0 else 0x11]) for c in range(nc)) + bytes([0, 63, 0])
    out += seg(0xDA, sos) + data + b"\xff\xd9"
    return bytes(out)


def test_pixels(h, w, c, seed):
    """Smooth gradients, noise, a flat patch and a sharp edge: every kind of block."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * (k + 3) * 3 + y * (7 - k) * 4 + 60 * k) % 256 for k in range(c)], axis=-1)
    noise = rng.integers(-24, 25, size=(h, w, c))
    px = np.clip(base + noise, 0, 255)
    if h > 4 and w > 4:
        px[h // 4:h // 2, w // 4:w // 2] = rng.integers(0, 256, size=c)
        px[:, w * 3 // 4:] = 255 - px[:, w * 3 // 4:]
    return px.astype(np.uint8)


def pillow_jpeg(px, **kw):
    im = Image.fromarray(px[..., 0] if px.shape[2] == 1 else px, "L" if px.shape[2] == 1 else "RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


def cases():
    sizes = [(1, 1), (7, 5), (16, 16), (17, 9), (33, 31), (40, 23)]
    for (w, h) in sizes:
        px = test_pixels(h, w, 3, w * 100 + h)
        for sub in ["4:4:4", "4:2:2", "4:2:0"]:
            for q in [10, 50, 90, 100]:
                yield f"pil-{sub.replace(':', '')}-q{q}-{w}x{h}.jpg", pillow_jpeg(px, quality=q, subsampling=sub)
            yield f"pil-{sub.replace(':', '')}-prog-{w}x{h}.jpg", pillow_jpeg(
                px, quality=80, subsampling=sub, progressive=True)
            yield f"pil-{sub.replace(':', '')}-opt-{w}x{h}.jpg", pillow_jpeg(
                px, quality=75, subsampling=sub, optimize=True)
        g = test_pixels(h, w, 1, w * 7 + h)
        for q in [10, 75, 100]:
            yield f"pil-gray-q{q}-{w}x{h}.jpg", pillow_jpeg(g, quality=q)
        yield f"pil-gray-prog-{w}x{h}.jpg", pillow_jpeg(g, quality=85, progressive=True)
    px = test_pixels(45, 61, 3, 5)
    for sub in ["4:4:4", "4:2:2", "4:2:0"]:
        tag = sub.replace(":", "")
        yield f"pil-{tag}-rst1-61x45.jpg", pillow_jpeg(px, quality=70, subsampling=sub, restart_marker_blocks=1)
        yield f"pil-{tag}-rst3-61x45.jpg", pillow_jpeg(px, quality=70, subsampling=sub, restart_marker_blocks=3)
        yield f"pil-{tag}-rstrow-61x45.jpg", pillow_jpeg(px, quality=70, subsampling=sub, restart_marker_rows=1)
        yield f"pil-{tag}-prog-rst-61x45.jpg", pillow_jpeg(
            px, quality=70, subsampling=sub, progressive=True, restart_marker_blocks=2)
        yield f"pil-{tag}-prog-opt-q95-61x45.jpg", pillow_jpeg(
            px, quality=95, subsampling=sub, progressive=True, optimize=True)
    # Own encoder: sampling factors Pillow cannot write.
    samplings = {
        "440": [(1, 2), (1, 1), (1, 1)],
        "411": [(4, 1), (1, 1), (1, 1)],
        "410": [(4, 2), (1, 1), (1, 1)],
        "h1v2chroma": [(2, 2), (2, 1), (2, 1)],
        "h2v1chroma": [(2, 2), (1, 2), (1, 2)],
        "mixed": [(2, 2), (1, 1), (2, 1)],
        "444": [(1, 1), (1, 1), (1, 1)],
        "420": [(2, 2), (1, 1), (1, 1)],
    }
    for (w, h) in [(1, 1), (2, 3), (3, 2), (5, 7), (17, 9), (35, 29)]:
        px = test_pixels(h, w, 3, w * 31 + h)
        for name, s in samplings.items():
            yield f"own-{name}-{w}x{h}.jpg", encode(px, s, quality=80)
    px = test_pixels(29, 35, 3, 9)
    yield "own-440-rst2-35x29.jpg", encode(px, samplings["440"], quality=60, restart=2)
    yield "own-411-rst1-35x29.jpg", encode(px, samplings["411"], quality=60, restart=1)
    yield "own-adobe-rgb-35x29.jpg", encode(px, [(1, 1)] * 3, quality=85, adobe=0, jfif=False)
    yield "own-adobe-ycc-35x29.jpg", encode(px, [(2, 2), (1, 1), (1, 1)], quality=85, adobe=1, jfif=False)
    yield "own-rgb-ids-35x29.jpg", encode(px, [(1, 1)] * 3, quality=85, ids=[82, 71, 66], adobe=0, jfif=False)
    yield "own-gray-h2v2-35x29.jpg", encode(test_pixels(29, 35, 1, 3), [(2, 2)], quality=70)
    for o in range(1, 9):
        yield f"own-exif{o}-13x6.jpg", encode(test_pixels(6, 13, 3, o), [(2, 1), (1, 1), (1, 1)], exif=o)


FORMATS = {"L": "gray8", "RGB": "rgb8"}


def sha(b):
    return hashlib.sha256(b).hexdigest()


def reference(data):
    im = Image.open(io.BytesIO(data))
    im.load()
    return [str(im.width), str(im.height), im.mode, FORMATS[im.mode], sha(im.tobytes()),
            sha(im.convert("L").tobytes())]


SETTINGS = {
    "q75-420": dict(quality=75),
    "q95-444": dict(quality=95, subsampling="4:4:4"),
    "q50-422-opt": dict(quality=50, subsampling="4:2:2", optimize=True),
    "q85-420-prog": dict(quality=85, progressive=True),
    "q30-420-rst": dict(quality=30, restart_marker_rows=1),
    "q90-gray": dict(quality=90),
}


def corpus(outdir, folders):
    import imagehash
    os.makedirs(outdir, exist_ok=True)
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ppm"):
                continue
            src = Image.open(os.path.join(folder, name)).convert("RGB")
            for setting, kw in SETTINGS.items():
                path = os.path.join(outdir, f"{name[:-4]}-{setting}.jpg")
                (src.convert("L") if setting.endswith("gray") else src).save(path, "JPEG", **kw)
                with open(path, "rb") as f:
                    ref = reference(f.read())
                im = Image.open(path)
                hashes = [str(imagehash.average_hash(im)), str(imagehash.phash(im)), str(imagehash.dhash(im))]
                print("\t".join([path, setting, ref[2], ref[3], ref[4]] + hashes), flush=True)


def main():
    import imagehash
    if len(sys.argv) > 1 and sys.argv[1] == "corpus":
        corpus(sys.argv[2], sys.argv[3:])
        return
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    shutil.rmtree(SEEDS, ignore_errors=True)
    os.makedirs(SEEDS)
    rows = []
    for name, data in cases():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        if len(data) <= 4096:
            with open(os.path.join(SEEDS, name), "wb") as f:
                f.write(data)
        im = Image.open(io.BytesIO(data))
        hashes = [str(imagehash.average_hash(im)), str(imagehash.phash(im)), str(imagehash.dhash(im))]
        orientation = im.getexif().get(0x0112)
        upright = ImageOps.exif_transpose(im)
        up = ",".join([sha(upright.tobytes()), str(upright.width), str(upright.height), str(imagehash.phash(upright))])
        rows.append([name] + reference(data) + hashes + [str(orientation) if orientation else "-", up])
    with open(os.path.join(OUT, "pillow.tsv"), "w") as f:
        import PIL
        f.write("# Scripts/references/jpeg.py, Pillow %s, ImageHash %s\n" % (PIL.__version__, imagehash.__version__))
        f.write("# name\twidth\theight\tpillow_mode\tformat\texpected\tl\tahash8\tphash8\tdhash8\torientation\tupright\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} files in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
