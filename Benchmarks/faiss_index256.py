#!/usr/bin/env python3
"""FAISS beside `phash-bench index256`: radius-31 queries on the same 256-bit fingerprints.

    pip install faiss-cpu==1.15.1 numpy
    .build/release/phash-bench index256 --count 1000000 --queries 2000 --write-codes DIR
    python3 Benchmarks/faiss_index256.py DIR/random.bin DIR/clustered.bin

Each file holds little-endian UInt64 N and Q, then N fingerprints and Q queries of 32 bytes
(written by `phash-bench index256 --write-codes`). Index: IndexBinaryMultiHash(256, 16, 16),
python-threatexchange's setting for PDQ, with nflip = 31 // 16 = 1, which makes the radius
search exact (an entry within 31 of the query is within 1 of it on one of the 16 substrings).
FAISS range_search returns distances strictly below its radius, so 31 is asked as 32. Every
query is timed alone (one range_search call, one OpenMP thread): median and 90th percentile
in microseconds per query, and the mean number of hits (equal to phash-bench's when both are
exact).
"""
import sys
import time

import faiss
import numpy as np


def load(path):
    raw = np.fromfile(path, dtype=np.uint8)
    n, q = (int(v) for v in raw[:16].view("<u8"))
    codes = raw[16:16 + 32 * n].reshape(n, 32)
    queries = raw[16 + 32 * n:16 + 32 * (n + q)].reshape(q, 32)
    return np.ascontiguousarray(codes), np.ascontiguousarray(queries)


def main():
    faiss.omp_set_num_threads(1)
    print(f"faiss {faiss.__version__}: IndexBinaryMultiHash(256, 16, 16), nflip 1, radius 31, one thread; microseconds per query")
    print(f"{'set':<11}{'build s':>8}{'median us':>11}{'p90 us':>9}{'mean hits':>11}")
    for path in sys.argv[1:]:
        codes, queries = load(path)
        index = faiss.IndexBinaryMultiHash(256, 16, 16)
        t0 = time.perf_counter()
        index.add(codes)
        build = time.perf_counter() - t0
        index.nflip = 31 // 16
        for qv in queries[:50]:
            index.range_search(qv[None, :], 32)
        times, hits = [], []
        for qv in queries:
            t = time.perf_counter()
            lims, _, _ = index.range_search(qv[None, :], 32)
            times.append(time.perf_counter() - t)
            hits.append(int(lims[-1]))
        times.sort()
        median = times[len(times) // 2]
        p90 = times[min(len(times) - 1, len(times) * 9 // 10)]
        name = path.rsplit("/", 1)[-1].removesuffix(".bin")
        print(f"{name:<11}{build:>8.2f}{median * 1e6:>11.1f}{p90 * 1e6:>9.1f}{sum(hits) / len(hits):>11.1f}")


if __name__ == "__main__":
    main()
