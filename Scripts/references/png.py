#!/usr/bin/env python3
"""PNG test files and the pixels Pillow 13 decodes from them.

Writes small PNG files with its own encoder (every colour type and bit depth, all five
scanline filters, Adam7 interlacing, palettes with tRNS and short palettes, odd sizes, 1x1,
zlib levels 0-9 and strategies, IDAT split into many chunks, ancillary and unknown chunks)
plus files saved by Pillow itself, into Tests/PerceptualHashDecodersTests/Fixtures/png/,
and for each the SHA-256 of the pixels Pillow gives, in pillow.tsv:

  name  width  height  pillow_mode  format  expected  rgb  l  scaled  ahash8  phash8  dhash8  rgba

- format: the PixelBuffer format PerceptualHashDecoders maps Pillow's mode to;
- expected: sha256 of the samples that format holds (Image.open(f) as that format:
  mode 1 and I;16 through convert("L"), P through convert("RGB"), others tobytes());
- rgb, l: sha256 of convert("RGB").tobytes() and convert("L").tobytes();
- scaled: for 16-bit gray, sha256 of (v * 255 + 32767) // 65535; "-" otherwise;
- ahash8, phash8, dhash8: ImageHash 4.3.2's average_hash, phash and dhash of Image.open(f);
- rgba: for indexed images with tRNS, sha256 of convert("RGBA").tobytes(); "-" otherwise.

The same files (those up to 2 KiB) are the seed corpus of the PNG fuzz target
(Fuzz/Corpus/FuzzPNG/).

    python3 Scripts/references/png.py

`corpus OUTDIR FOLDER...` converts every .ppm of the folders to PNG in several settings
(SETTINGS below) under OUTDIR and prints one line per PNG, for phash-conformance's PNG check:

  path  setting  pillow_mode  format  expected  ahash8  phash8  dhash8

with `expected` as above and the ImageHash 4.3.2 hashes of Image.open(png).

    python3 Scripts/references/png.py corpus /tmp/png-corpus DATA_DIR/corpus/images
"""
import hashlib
import io
import os
import shutil
import struct
import sys
import zlib

import numpy as np
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "Tests", "PerceptualHashDecodersTests", "Fixtures", "png")
SEEDS = os.path.join(ROOT, "Fuzz", "Corpus", "FuzzPNG")

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, prev, bpp):
    out = bytearray(len(row))
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][kind]
        out[i] = (x - pred) & 255
    return bytes([kind]) + bytes(out)


def pack_row(samples, depth):
    """samples: 1-D int array of one scanline's samples."""
    if depth == 8:
        return bytes(samples.astype(np.uint8))
    if depth == 16:
        return samples.astype(">u2").tobytes()
    per = 8 // depth
    out = bytearray()
    for i in range(0, len(samples), per):
        byte = 0
        group = list(samples[i:i + per]) + [0] * (per - len(samples[i:i + per]))
        for v in group:
            byte = (byte << depth) | int(v)
        out.append(byte)
    return bytes(out)


def scanlines(pixels, depth, ctype, interlaced, filters):
    """pixels: H x W x C int array. Returns the filtered bytes before compression."""
    h, w, c = pixels.shape
    bpp = max(1, c * depth // 8)
    passes = [(0, 0, 1, 1)] if not interlaced else ADAM7
    raw = bytearray()
    row_index = 0
    for x0, y0, dx, dy in passes:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        prev = bytes(len(pack_row(sub[0].reshape(-1), depth)))
        for r in range(sub.shape[0]):
            row = pack_row(sub[r].reshape(-1), depth)
            raw += filter_row(filters(row_index), row, prev, bpp)
            prev = row
            row_index += 1
    return bytes(raw)


def encode(pixels, depth, ctype, interlaced=False, plte=None, trns=None, level=6, strategy=None,
           filters=lambda i: i % 5, idat_split=None, extra_before=(), iend=True):
    h, w, _ = pixels.shape
    raw = scanlines(pixels, depth, ctype, interlaced, filters)
    if strategy is None:
        data = zlib.compress(raw, level)
    else:
        z = zlib.compressobj(level, zlib.DEFLATED, 15, 9, strategy)
        data = z.compress(raw) + z.flush()
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, int(interlaced)))
    for kind, payload in extra_before:
        out += chunk(kind, payload)
    if plte is not None:
        out += chunk(b"PLTE", plte)
    if trns is not None:
        out += chunk(b"tRNS", trns)
    if idat_split:
        pieces = [data[i:i + idat_split] for i in range(0, len(data), idat_split)]
        out += b"".join(chunk(b"IDAT", p) for p in pieces)
    else:
        out += chunk(b"IDAT", data)
    if iend:
        out += chunk(b"IEND", b"")
    return out


def test_pixels(h, w, c, maxval, seed):
    """Smooth gradients with noise and flat patches: compressible, with back-references."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * (k + 3) + y * (7 - k) * 2 + 40 * k) for k in range(c)], axis=-1).astype(np.float64)
    base = base / max(1, base.max()) * maxval
    noise = rng.integers(-(maxval // 16 + 1), maxval // 16 + 2, size=(h, w, c))
    px = np.clip(base + noise, 0, maxval).astype(np.int64)
    if h > 4 and w > 4:
        px[h // 4:h // 2, w // 4:w // 2] = rng.integers(0, maxval + 1, size=c)
    px[0, 0] = maxval
    return px


FORMATS = {"1": "gray8", "L": "gray8", "I;16": "gray8", "RGB": "rgb8", "P": "rgb8",
           "LA": "grayAlpha8", "RGBA": "rgba8"}


def sha(b):
    return hashlib.sha256(b).hexdigest()


def reference(data):
    im = Image.open(io.BytesIO(data))
    im.load()
    mode = im.mode
    if mode in ("1", "I;16"):
        expected = im.convert("L").tobytes()
    elif mode == "P":
        expected = im.convert("RGB").tobytes()
    else:
        expected = im.tobytes()
    scaled = "-"
    if mode == "I;16":
        v = np.frombuffer(im.tobytes(), dtype="<u2").astype(np.int64)
        scaled = sha(((v * 255 + 32767) // 65535).astype(np.uint8).tobytes())
    return [str(im.width), str(im.height), mode, FORMATS[mode], sha(expected),
            sha(im.convert("RGB").tobytes()), sha(im.convert("L").tobytes()), scaled]


def cases():
    combos = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8),
              (4, 8), (4, 16), (6, 8), (6, 16)]
    names = {0: "gray", 2: "rgb", 3: "indexed", 4: "grayalpha", 6: "rgba"}
    seed = 1
    for ctype, depth in combos:
        for (w, h) in [(1, 1), (7, 5), (33, 17), (3, 3), (9, 13)]:
            for interlaced in (False, True):
                if (w, h) in [(3, 3), (9, 13)] and not interlaced:
                    continue
                seed += 1
                c = CHANNELS[ctype]
                maxval = (1 << depth) - 1
                plte = None
                if ctype == 3:
                    entries = 1 << depth
                    rng = np.random.default_rng(seed)
                    plte = bytes(rng.integers(0, 256, size=3 * entries).astype(np.uint8))
                px = test_pixels(h, w, c, maxval, seed)
                name = f"{names[ctype]}{depth}-{w}x{h}{'-adam7' if interlaced else ''}.png"
                yield name, encode(px, depth, ctype, interlaced, plte=plte)

    rgb = test_pixels(30, 40, 3, 255, 99)
    for level in range(10):
        yield f"rgb8-zlib{level}.png", encode(rgb, 8, 2, level=level)
    for sname, s in [("filtered", zlib.Z_FILTERED), ("huffman", zlib.Z_HUFFMAN_ONLY),
                     ("rle", zlib.Z_RLE), ("fixed", zlib.Z_FIXED)]:
        yield f"rgb8-{sname}.png", encode(rgb, 8, 2, level=9, strategy=s)
    for f in range(5):
        yield f"rgb8-filter{f}.png", encode(rgb, 8, 2, filters=lambda i, f=f: f)
        yield f"rgba16-filter{f}-adam7.png", encode(test_pixels(11, 10, 4, 65535, 7 + f), 16, 6, True,
                                                    filters=lambda i, f=f: f)
    yield "rgb8-idat1.png", encode(rgb, 8, 2, idat_split=1)
    yield "rgb8-idat100.png", encode(rgb, 8, 2, idat_split=100)
    yield "rgb8-noiend.png", encode(rgb, 8, 2, iend=False)
    yield "rgb8-chunks.png", encode(rgb, 8, 2, extra_before=[
        (b"gAMA", struct.pack(">I", 45455)), (b"tEXt", b"Comment\0hello"), (b"prVt", b"\x00\x01\x02"),
        (b"sRGB", b"\x00"), (b"pHYs", struct.pack(">IIB", 2835, 2835, 1))])
    yield "rgb8-trns.png", encode(rgb, 8, 2, trns=struct.pack(">HHH", int(rgb[0, 0, 0]), int(rgb[0, 0, 1]), int(rgb[0, 0, 2])))
    gray = test_pixels(9, 8, 1, 255, 5)
    yield "gray8-trns.png", encode(gray, 8, 0, trns=struct.pack(">H", int(gray[0, 0, 0])))
    gray16 = test_pixels(9, 8, 1, 65535, 6)
    yield "gray16-lowvalues.png", encode(gray16 // 200, 16, 0)
    idx = test_pixels(12, 10, 1, 255, 8)
    rng = np.random.default_rng(8)
    full = bytes(rng.integers(0, 256, size=768).astype(np.uint8))
    yield "indexed8-256.png", encode(idx, 8, 3, plte=full)
    yield "indexed8-trns.png", encode(idx, 8, 3, plte=full, trns=bytes(range(0, 256, 3)))
    yield "indexed8-short-palette.png", encode(idx, 8, 3, plte=full[:30])   # indices past 10 entries
    yield "indexed8-trns-simple.png", encode(idx, 8, 3, plte=full, trns=bytes([255] * 7 + [0]))
    yield "indexed8-trns-long.png", encode(idx, 8, 3, plte=full[:30], trns=bytes(range(0, 240, 12)))
    yield "indexed2-trns-adam7.png", encode(test_pixels(9, 11, 1, 3, 10), 2, 3, True, plte=full[:12],
                                            trns=bytes([0, 128, 255]))
    yield "indexed4-short-palette-adam7.png", encode(test_pixels(9, 9, 1, 15, 9), 4, 3, True, plte=full[:9])
    big = test_pixels(192, 256, 3, 255, 12)
    big[100:, :] = big[:92, :]   # long-distance matches
    yield "rgb8-256x192.png", encode(big, 8, 2, level=9)

    # Pillow's own encoder.
    for mode, arr in [("L", gray.reshape(9, 8)), ("RGB", rgb), ("RGBA", test_pixels(13, 11, 4, 255, 21)),
                      ("LA", test_pixels(13, 11, 2, 255, 22))]:
        buf = io.BytesIO()
        Image.fromarray(arr.astype(np.uint8), mode).save(buf, "PNG", optimize=True)
        yield f"pillow-{mode.lower()}.png", buf.getvalue()
    buf = io.BytesIO()
    Image.fromarray(rgb.astype(np.uint8), "RGB").quantize(37).save(buf, "PNG")
    yield "pillow-p.png", buf.getvalue()
    buf = io.BytesIO()
    Image.fromarray(gray.reshape(9, 8).astype(np.uint8), "L").convert("1").save(buf, "PNG")
    yield "pillow-1.png", buf.getvalue()
    buf = io.BytesIO()
    Image.frombytes("I;16", (8, 9), gray16.reshape(9, 8).astype("<u2").tobytes()).save(buf, "PNG")
    yield "pillow-i16.png", buf.getvalue()


def fast_encode(pixels, depth, ctype, interlaced=False, level=6):
    """An encoder vectorised with numpy, for photographs: filter Up on every row."""
    h, w, c = pixels.shape
    passes = [(0, 0, 1, 1)] if not interlaced else ADAM7
    parts = []
    for x0, y0, dx, dy in passes:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        rows = sub.reshape(sub.shape[0], -1)
        rows = rows.astype(">u2").view(np.uint8).reshape(sub.shape[0], -1) if depth == 16 else rows.astype(np.uint8)
        up = rows.copy()
        up[1:] = rows[1:] - rows[:-1]   # uint8 wraps mod 256
        parts.append(np.concatenate([np.full((rows.shape[0], 1), 2, np.uint8), up], axis=1).tobytes())
    data = zlib.compress(b"".join(parts), level)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, int(interlaced)))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def pillow_png(im, **kw):
    buf = io.BytesIO()
    im.save(buf, "PNG", **kw)
    return buf.getvalue()


# name -> function(RGB image) -> PNG bytes
SETTINGS = {
    "rgb-level6": lambda im: pillow_png(im),
    "rgb-level0": lambda im: pillow_png(im, compress_level=0),
    "rgb-level9-optimize": lambda im: pillow_png(im, optimize=True),
    "l-level1": lambda im: pillow_png(im.convert("L"), compress_level=1),
    "p-256": lambda im: pillow_png(im.quantize(256)),
    "rgba": lambda im: pillow_png(Image.merge("RGBA", im.split() + (im.convert("L").point(lambda v: 255 - v // 2),))),
    "rgb16-adam7": lambda im: fast_encode(
        np.asarray(im).astype(np.int64)[..., :] * 257 + (np.arange(im.width)[None, :, None] * 37 % 256), 16, 2, True),
}


def corpus(outdir, folders):
    import imagehash
    os.makedirs(outdir, exist_ok=True)
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ppm"):
                continue
            src = Image.open(os.path.join(folder, name)).convert("RGB")
            for setting, make in SETTINGS.items():
                path = os.path.join(outdir, f"{name[:-4]}-{setting}.png")
                data = make(src)
                with open(path, "wb") as f:
                    f.write(data)
                im = Image.open(path)
                ref = reference(data)
                hashes = [str(imagehash.average_hash(im)), str(imagehash.phash(im)), str(imagehash.dhash(im))]
                print("\t".join([path, setting, ref[2], ref[3], ref[4]] + hashes), flush=True)


def main():
    global imagehash
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
        if len(data) <= 2048:
            with open(os.path.join(SEEDS, name), "wb") as f:
                f.write(data)
        im = Image.open(io.BytesIO(data))
        hashes = [str(imagehash.average_hash(im)), str(imagehash.phash(im)), str(imagehash.dhash(im))]
        rgba = "-"
        if im.mode == "P" and "transparency" in im.info:
            rgba = sha(im.convert("RGBA").tobytes())
        rows.append([name] + reference(data) + hashes + [rgba])
    with open(os.path.join(OUT, "pillow.tsv"), "w") as f:
        import PIL
        f.write("# Scripts/references/png.py, Pillow %s, ImageHash %s\n" % (PIL.__version__, imagehash.__version__))
        f.write("# name\twidth\theight\tpillow_mode\tformat\texpected\trgb\tl\tscaled\tahash8\tphash8\tdhash8\trgba\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} files in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
