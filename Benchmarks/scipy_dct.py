#!/usr/bin/env python3
"""Times scipy.fftpack.dct for the sizes `phash-bench dct` measures (microseconds per call,
median of 7 runs): 2-D as ImageHash's phash computes it, dct(dct(a, axis=0), axis=1), and
the corner taken by slicing (scipy has no partial transform)."""
import timeit

import numpy as np
import scipy.fftpack as f


def main():
    rng = np.random.default_rng(1)
    for n, k in [(32, 8), (64, 16)]:
        a = rng.integers(0, 256, size=(n, n)).astype(np.float64)
        for label, stmt in [(f"{n}x{n} full", lambda: f.dct(f.dct(a, axis=0), axis=1)),
                            (f"{n}x{n} -> {k}x{k} corner", lambda: f.dct(f.dct(a, axis=0), axis=1)[:k, :k])]:
            number = 2000
            runs = sorted(timeit.repeat(stmt, number=number, repeat=7))
            print(f"scipy {label:<28} {runs[3] / number * 1e6:.3f} us")


if __name__ == "__main__":
    main()
