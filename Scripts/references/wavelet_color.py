#!/usr/bin/env python3
"""Reference values for WaveletHash and ColorHash from ImageHash 4.3.2 (PyWavelets 1.9.0,
NumPy, Pillow 13.0.0).

Writes Tests/PerceptualHashTests/Fixtures/wavelet-color/:
  images/<name>.ppm|.pgm  a few seeded inputs of its own (binary PNM, maxval 255)
  expected.tsv            file, algorithm, parameters, ImageHash str(hash); the files are
                          these images and the ones imagehash_refs.py wrote (imagehash/images/)
  transforms.json         pywt.wavedec2 approximations (haar, db4) and the whash
                          remove_max_haar_ll step (pywt.waverec2 with the coarsest approximation
                          zeroed) on small seeded planes, every double as float.hex()
  hsv.json                Pillow's convert("HSV") on all 2^24 RGB colours, summarised: the
                          H and S histograms and sum(H_i * w_i), sum(S_i * w_i) mod 2^64 with
                          i = R << 16 | G << 8 | B and w_i = (i * 2654435761) mod 2^32

expected.tsv rows:
  whash      hash_size,image_scale,mode,remove_max_haar_ll  (image_scale 0: ImageHash's
             automatic scale, which for db4 gives images whose shorter side is under
             8 * hash_size a shorter hash)
  colorhash  binbits

Run from the repository root:  python3 Scripts/references/wavelet_color.py

  python3 Scripts/references/wavelet_color.py corpus FOLDER... > out.tsv
      Hashes every binary PPM directly in each FOLDER and prints
      `path<TAB>whash<TAB>whash16<TAB>whash_db4<TAB>colorhash`: whash(im), whash(im, 16),
      whash(im, mode='db4') and colorhash(im); used by Scripts/conformance.sh.
"""
import importlib.metadata
import json
import warnings
import os
import sys

import imagehash
import numpy as np
import PIL
import pywt
from PIL import Image

assert PIL.__version__ == "13.0.0", PIL.__version__
assert imagehash.__version__ == "4.3.2", imagehash.__version__
# The 1.9.0 wheel reports pywt.__version__ == "1.8.0"; its C transform code is the same as 1.8.0's.
assert importlib.metadata.version("PyWavelets") == "1.9.0", importlib.metadata.version("PyWavelets")

OUT = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "wavelet-color")
SHARED_IMAGES = os.path.join("Tests", "PerceptualHashTests", "Fixtures", "imagehash", "images")
rng = np.random.default_rng(20261206)
warnings.filterwarnings("ignore", message="Level value of")


def own_images():
    # Every colour of a 16-level RGB grid (hue and saturation edges), 64 x 64.
    levels = np.array([0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255], np.uint8)
    r, g, b = np.meshgrid(levels, levels, levels, indexing="ij")
    yield "rgb-grid", np.stack([r, g, b], axis=-1).reshape(64, 64, 3)
    # Colours with saturation exactly 170 (2/3) and hue near the bin edges.
    yield "saturation-170", np.tile(np.array([[255, 85, 85], [85, 255, 85], [85, 85, 255], [150, 50, 50],
                                              [255, 85, 170], [85, 170, 255], [30, 90, 90], [255, 255, 85]],
                                             np.uint8), (12, 6, 1))
    # Saturated blocks on a dark background, larger than 128 on both sides (scale 128, db4 auto).
    a = np.zeros((150, 140, 3), np.uint8)
    for _ in range(12):
        y0, x0 = rng.integers(0, 130), rng.integers(0, 120)
        a[y0:y0 + rng.integers(5, 60), x0:x0 + rng.integers(5, 60)] = rng.integers(0, 256, 3)
    yield "blocks-140x150", a
    yield "noise-rgba-70x66", rng.integers(0, 256, (66, 70, 3), dtype=np.uint8)


def whash_cases(w, h):
    for n in (2, 4, 8, 16):
        yield n, 0, "haar", True
    yield 8, 0, "haar", False
    for scale in (8, 16, 32, 64, 128):
        yield 8, scale, "haar", True
    yield 4, 64, "haar", False
    for n in (2, 4, 8):
        yield n, 0, "db4", True
        yield n, 0, "db4", False
    for n, scale in ((8, 8), (8, 16), (8, 32), (4, 16), (4, 128)):
        yield n, scale, "db4", True


def planes():
    for side in (1, 2, 5, 8, 13, 16, 35):
        yield side, rng.integers(0, 256, (side, side)) / 255.0


def main():
    os.makedirs(os.path.join(OUT, "images"), exist_ok=True)
    for f in os.listdir(os.path.join(OUT, "images")):
        os.remove(os.path.join(OUT, "images", f))
    inputs = []
    for name, a in own_images():
        ext = "pgm" if a.ndim == 2 else "ppm"
        path = os.path.join(OUT, "images", f"{name}.{ext}")
        Image.fromarray(a, "L" if a.ndim == 2 else "RGB").save(path)
        inputs.append((f"wavelet-color/images/{name}.{ext}", path))
    for f in sorted(os.listdir(SHARED_IMAGES)):
        inputs.append((f"imagehash/images/{f}", os.path.join(SHARED_IMAGES, f)))

    rows = []
    for key, path in inputs:
        im = Image.open(path)
        im.load()
        for n, scale, mode, remove in whash_cases(*im.size):
            if scale and scale < n:
                continue
            h = imagehash.whash(im, hash_size=n, image_scale=scale or None, mode=mode, remove_max_haar_ll=remove)
            rows.append(f"{key}\twhash\t{n},{scale},{mode},{int(remove)}\t{h}")
        for bits in (1, 2, 3, 4, 5, 8):
            rows.append(f"{key}\tcolorhash\t{bits}\t{imagehash.colorhash(im, binbits=bits)}")
    with open(os.path.join(OUT, "expected.tsv"), "w") as f:
        f.write("# ImageHash 4.3.2, PyWavelets 1.9.0, Pillow 13.0.0: file, algorithm, parameters, str(hash)\n")
        f.write("\n".join(rows) + "\n")

    transforms = {"approximations": [], "removals": []}
    for side, x in planes():
        for wavelet in ("haar", "db4"):
            for level in range(0, 4):
                if wavelet == "haar" and (side % (2 ** level) or (level and side < 2)):
                    continue
                if wavelet == "haar" and level and side >> level == 0:
                    continue
                a = pywt.wavedec2(x, wavelet, level=level)[0] if level else x
                transforms["approximations"].append({
                    "wavelet": wavelet, "side": side, "levels": level,
                    "input": [v.hex() for v in x.flatten()],
                    "outputSide": a.shape[0], "output": [v.hex() for v in a.flatten()]})
        if side & (side - 1) == 0 and side > 1:
            coeffs = list(pywt.wavedec2(x, "haar", level=int(np.log2(side))))
            coeffs[0] *= 0
            y = pywt.waverec2(coeffs, "haar")
            transforms["removals"].append({"side": side, "input": [v.hex() for v in x.flatten()],
                                           "output": [v.hex() for v in y.flatten()]})
    with open(os.path.join(OUT, "transforms.json"), "w") as f:
        json.dump(transforms, f, indent=0)

    i = np.arange(1 << 24, dtype=np.uint64)
    rgb = np.stack([(i >> 16) & 255, (i >> 8) & 255, i & 255], axis=-1).astype(np.uint8).reshape(4096, 4096, 3)
    hsv = np.asarray(Image.fromarray(rgb, "RGB").convert("HSV")).reshape(-1, 3).astype(np.uint64)
    w = (i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)
    with np.errstate(over="ignore"):
        summary = {
            "hueHistogram": np.bincount(hsv[:, 0].astype(np.int64), minlength=256).tolist(),
            "saturationHistogram": np.bincount(hsv[:, 1].astype(np.int64), minlength=256).tolist(),
            "hueWeighted": str(int(np.sum(hsv[:, 0] * w, dtype=np.uint64))),
            "saturationWeighted": str(int(np.sum(hsv[:, 1] * w, dtype=np.uint64))),
        }
    with open(os.path.join(OUT, "hsv.json"), "w") as f:
        json.dump(summary, f)
    print(f"{len(rows)} reference hashes, {len(transforms['approximations'])} approximations, "
          f"{len(transforms['removals'])} removals", file=sys.stderr)


def corpus(folders):
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ppm"):
                continue
            im = Image.open(os.path.join(folder, name))
            im.load()
            print("\t".join([os.path.join(folder, name), str(imagehash.whash(im)), str(imagehash.whash(im, 16)),
                             str(imagehash.whash(im, mode="db4")), str(imagehash.colorhash(im))]))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "corpus":
        corpus(sys.argv[2:])
    else:
        main()
