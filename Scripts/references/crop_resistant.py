#!/usr/bin/env python3
"""Reference values for CropResistantHash and MultiFingerprint from ImageHash 4.3.2 on
Pillow 13.0.0.

Writes Tests/PerceptualHashTests/Fixtures/crop-resistant/:
  images/<name>.ppm|.pgm  seeded inputs (binary PNM, maxval 255): many segments, tiny, flat,
                          half-pixel crop boundaries, a skipped last valley, noise
  expected.tsv            file, ImageHash parameters, str(crop_resistant_hash(...)); the files
                          are these images and the ones imagehash_refs.py wrote (imagehash/images/)
  filters.json            Pillow's GaussianBlur() and MedianFilter() on seeded gray planes (hex
                          bytes), and the 64-bit FNV-1a digest of the segmentation image (convert
                          L, resize 300 LANCZOS, both filters) of every image above
  matching.tsv            pairs of multi-hashes (str forms) with hash_diff, matches and `-`
                          (float.hex()) for several cutoffs

expected.tsv parameters: limit_segments,segment_threshold,min_segment_size,segmentation_image_size
(limit 0 means None); hash_func is always the default dhash.

Run from the repository root:  python3 Scripts/references/crop_resistant.py

  python3 Scripts/references/crop_resistant.py corpus FOLDER... > out.tsv
      Prints `path<TAB>str(crop_resistant_hash(im))` for every binary PPM directly in each
      FOLDER; used by Scripts/conformance.sh.
"""
import os
import sys

import imagehash
import numpy as np
import PIL
from PIL import Image, ImageFilter

assert PIL.__version__ == "13.0.0", PIL.__version__
assert imagehash.__version__ == "4.3.2", imagehash.__version__

OUT = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "crop-resistant")
SHARED_IMAGES = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "imagehash", "images")
rng = np.random.default_rng(20261207)


def own_images():
    # A 12 x 12 checkerboard: 72 bright segments of about 625 pixels at 300 x 300 (at most 179
    # fit) and one valley (the blurred corners join the dark squares).
    blocks = (np.indices((12, 12)).sum(axis=0) % 2) * 200 + 20
    yield "checker-120", np.kron(blocks, np.ones((10, 10))).astype(np.uint8)
    # 12 x 12 blocks of random bright/dark gray (neighbours merge).
    blocks = rng.integers(0, 2, (12, 12)) * 200 + 20
    yield "random-blocks-120", np.kron(blocks, np.ones((10, 10))).astype(np.uint8)
    # Colour blocks of random sizes, 150 x 90: crop coordinates col * 0.5 round half to even.
    a = np.zeros((90, 150, 3), np.uint8)
    for _ in range(25):
        y0, x0 = rng.integers(0, 80), rng.integers(0, 140)
        a[y0:y0 + rng.integers(3, 40), x0:x0 + rng.integers(3, 60)] = rng.integers(0, 256, 3)
    yield "blocks-150x90", a
    # Thin diagonal stripes (long, narrow segments spanning the image).
    y, x = np.mgrid[0:96, 0:96]
    yield "stripes-96", (((x + y) // 6) % 2 * 230 + 10).astype(np.uint8)
    # Smooth noise: many segments of all sizes.
    small = rng.integers(0, 256, (16, 16)).astype(np.uint8)
    yield "smooth-noise-80x70", np.asarray(Image.fromarray(small, "L").resize((80, 70), Image.BICUBIC))
    # Pixel noise (colour).
    yield "noise-61x47", rng.integers(0, 256, (47, 61, 3), dtype=np.uint8)
    # Tiny images.
    yield "tiny-1x1", np.array([[200]], np.uint8)
    yield "tiny-5x4", rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)
    yield "tiny-17x3", rng.integers(0, 256, (3, 17), dtype=np.uint8)
    yield "tiny-2x9", np.array([[0, 255]] * 9, np.uint8)
    # Flat images: no hill (all valley), all hill, exactly at the threshold.
    yield "flat-40x30-50", np.full((30, 40), 50, np.uint8)
    yield "flat-40x30-200", np.full((30, 40), 200, np.uint8)
    yield "flat-33x33-128", np.full((33, 33, 3), 128, np.uint8)
    # A bright image whose only valley (about 625 pixels at 300 x 300) is skipped by ImageHash's
    # visited-pixel counter, and one with a larger valley that is not.
    b = np.full((60, 60), 220, np.uint8)
    b[50:55, 50:55] = 10
    yield "skipped-valley-60", b
    c = np.full((60, 60), 220, np.uint8)
    c[40:55, 40:55] = 10
    yield "kept-valley-60", c
    # Segments touching every border; a non-square photo-like gradient with rings.
    y, x = np.mgrid[0:77, 0:101]
    yield "rings-101x77", ((np.sin(np.hypot(x - 40, y - 30) / 4) + 1) * 127.5).astype(np.uint8)


def parameter_sets(name):
    yield 0, 128, 500, 300
    if name.startswith(("checker", "random-blocks", "blocks", "smooth", "rings")):
        yield 3, 128, 500, 300
        yield 1, 128, 500, 300
        yield 0, 100, 200, 300
        yield 0, 128, 50, 64
        yield 5, 160, 10, 97


def crop_resistant(im, limit, threshold, min_size, side):
    return imagehash.crop_resistant_hash(im, limit_segments=limit or None, segment_threshold=threshold,
                                         min_segment_size=min_size, segmentation_image_size=side)


def segmentation_image(im, side=300):
    g = im.convert("L").resize((side, side), Image.LANCZOS)
    return g.filter(ImageFilter.GaussianBlur()).filter(ImageFilter.MedianFilter())


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def main():
    os.makedirs(os.path.join(OUT, "images"), exist_ok=True)
    for f in os.listdir(os.path.join(OUT, "images")):
        os.remove(os.path.join(OUT, "images", f))
    inputs = []
    for name, a in own_images():
        ext = "pgm" if a.ndim == 2 else "ppm"
        path = os.path.join(OUT, "images", f"{name}.{ext}")
        Image.fromarray(a, "L" if a.ndim == 2 else "RGB").save(path)
        inputs.append((f"crop-resistant/images/{name}.{ext}", path, name))
    for f in sorted(os.listdir(SHARED_IMAGES)):
        inputs.append((f"imagehash/images/{f}", os.path.join(SHARED_IMAGES, f), f))

    rows, hashes = [], []
    filters = {"planes": [], "segmentation": []}
    for key, path, name in inputs:
        im = Image.open(path)
        im.load()
        for params in parameter_sets(name):
            h = crop_resistant(im, *params)
            rows.append(f"{key}\t{','.join(map(str, params))}\t{h}")
            if params == (0, 128, 500, 300):
                hashes.append(h)
        filters["segmentation"].append({"file": key, "side": 300, "fnv1a64": fnv1a64(segmentation_image(im).tobytes())})
    with open(os.path.join(OUT, "expected.tsv"), "w") as f:
        f.write("# ImageHash 4.3.2, Pillow 13.0.0: file, limit,threshold,min_size,side, str(crop_resistant_hash)\n")
        f.write("\n".join(rows) + "\n")

    for w, h in ((1, 1), (1, 7), (2, 3), (3, 2), (5, 5), (13, 8), (40, 31)):
        for kind in ("noise", "steps"):
            if kind == "noise":
                a = rng.integers(0, 256, (h, w), dtype=np.uint8)
            else:
                a = (rng.integers(0, 2, (h, w)) * 255).astype(np.uint8)
            im = Image.fromarray(a, "L")
            filters["planes"].append({
                "width": w, "height": h, "input": a.tobytes().hex(),
                "gaussian": im.filter(ImageFilter.GaussianBlur()).tobytes().hex(),
                "median": im.filter(ImageFilter.MedianFilter()).tobytes().hex()})
    import json
    with open(os.path.join(OUT, "filters.json"), "w") as f:
        json.dump(filters, f, indent=0)

    # Matching: every ordered pair of a few hashes, several cutoffs.
    pick = [hashes[i] for i in range(0, len(hashes), max(1, len(hashes) // 8))][:8]
    extra = imagehash.ImageMultiHash([imagehash.hex_to_hash("ffffffffffffffff"), imagehash.hex_to_hash("0f0f0f0f0f0f0f0f")])
    pick.append(extra)
    lines = []
    for a in pick:
        for b in pick:
            for cutoff, rate in ((None, None), (None, 0.1), (None, 0.5), (4, None), (30.5, None), (0, None)):
                m, s = a.hash_diff(b, hamming_cutoff=cutoff, bit_error_rate=rate)
                score = float(a.__sub__(b, hamming_cutoff=cutoff, bit_error_rate=rate))
                lines.append("\t".join([str(a), str(b), "" if cutoff is None else repr(float(cutoff)),
                                        "" if rate is None else repr(rate), str(m), str(s),
                                        str(int(a.matches(b, 1, cutoff, rate))),
                                        str(int(a.matches(b, 2, cutoff, rate))), score.hex()]))
    with open(os.path.join(OUT, "matching.tsv"), "w") as f:
        f.write("# a, b, hamming_cutoff, bit_error_rate, hash_diff matches, sum, matches(region 1), "
                "matches(region 2), a - b as float.hex()\n")
        f.write("\n".join(lines) + "\n")
    print(f"{len(rows)} hashes, {len(filters['planes'])} filter planes, {len(lines)} matching rows", file=sys.stderr)


def corpus(folders):
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ppm"):
                continue
            im = Image.open(os.path.join(folder, name))
            im.load()
            print(f"{os.path.join(folder, name)}\t{imagehash.crop_resistant_hash(im)}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "corpus":
        corpus(sys.argv[2:])
    else:
        main()
