#!/usr/bin/env python3
"""FAISS figures beside `phash-bench index`, on the same data, on one thread.

    pip install faiss-cpu==1.15.1 numpy
    python3 Benchmarks/faiss_index.py [--count N] [--quick] [--queries Q]

Data: N 64-bit fingerprints from SplitMix64 seeded 0x5EED, and queries built from
SplitMix64 seeded 0x0DE5 (three draws per query: entry index = draw % N, then two bit
positions = draw % 64 flipped), exactly as Benchmarks/phash-bench/IndexBench.swift does, so
both programs see identical fingerprints and queries (the hit totals printed by both agree).

Indexes: IndexBinaryFlat (exhaustive) and IndexBinaryMultiHash (nhash = 3 tables of 21
bits, like the Swift multi-index hash at 1 to 10 million entries). FAISS range_search
returns distances strictly below its radius, so radius r is asked as r + 1. MultiHash probes
keys within `nflip` bit flips: nflip = floor(r / 3) makes the radius search exact (pigeonhole
over the 63 covered bits); its k-NN search is approximate, so its recall is printed.
Times are medians of 5 runs after a warm-up, all queries in one call, one OpenMP thread
(MultiHash at radius 12: the first max(20, min(Q, 2e7 / N)) queries only).
"""
import argparse
import time

import numpy as np
import faiss

GAMMA = np.uint64(0x9E3779B97F4A7C15)


def splitmix64(seed, n):
    """The first n outputs of SplitMix64 started at `seed`."""
    with np.errstate(over="ignore"):
        state = np.uint64(seed) + GAMMA * np.arange(1, n + 1, dtype=np.uint64)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def make_data(n, q):
    words = splitmix64(0x5EED, n)
    draws = splitmix64(0x0DE5, 3 * q).reshape(q, 3)
    idx = (draws[:, 0] % np.uint64(n)).astype(np.int64)
    a = draws[:, 1] % np.uint64(64)
    b = draws[:, 2] % np.uint64(64)
    one = np.uint64(1)
    queries = words[idx] ^ (one << a) ^ (one << b)
    return words, queries


def as_bytes(words):
    return np.ascontiguousarray(words).view(np.uint8).reshape(len(words), 8)


def median_time(fn, runs=5):
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n, qn = (100_000, 200) if args.quick else (args.count, args.queries)
    faiss.omp_set_num_threads(1)
    words, qwords = make_data(n, qn)
    xb, xq = as_bytes(words), as_bytes(qwords)
    scan_q = max(10, min(qn, 200_000_000 // n))
    print(f"faiss {faiss.__version__}: {n} random 64-bit fingerprints, {qn} queries ({scan_q} for the flat index), one thread")
    print(f"{'index':>12}{'build':>10}" + "".join(f"{h:>11}{'q/s':>10}" for h in ["r=4 us/q", "r=8 us/q", "r=12 us/q", "k=10 us/q"]))

    flat = faiss.IndexBinaryFlat(64)
    t0 = time.perf_counter()
    flat.add(xb)
    build = time.perf_counter() - t0
    line = f"{'flat':>12}{build:>8.2f} s"
    hits = {}
    for r in [4, 8, 12]:
        q = xq[:scan_q]
        t = median_time(lambda: flat.range_search(q, r + 1)) / len(q)
        lims, _, _ = flat.range_search(q, r + 1)
        hits[r] = int(lims[-1])
        line += f"{t * 1e6:>11.1f}{1 / t:>10.0f}"
    q = xq[:scan_q]
    t = median_time(lambda: flat.search(q, 10)) / len(q)
    ref_d, ref_i = flat.search(q, 10)
    line += f"{t * 1e6:>11.1f}{1 / t:>10.0f}"
    print(line)
    print("  hits over the first %d queries: %s" % (scan_q, ", ".join(f"r={r}: {hits[r]}" for r in hits)))

    mh = faiss.IndexBinaryMultiHash(64, 3, 21)
    t0 = time.perf_counter()
    mh.add(xb)
    build = time.perf_counter() - t0
    line = f"{'multihash':>12}{build:>8.2f} s"
    for r in [4, 8, 12]:
        mh.nflip = r // 3
        # Radius 12 probes 3 x 1,562 keys per query: fewer queries keep the run short.
        q = xq if r < 12 else xq[: max(20, min(qn, 20_000_000 // n))]
        t = median_time(lambda: mh.range_search(q, r + 1)) / len(q)
        lims, _, _ = mh.range_search(xq[:scan_q], r + 1)
        if int(lims[-1]) != hits[r]:
            line += f" (hits {int(lims[-1])} != {hits[r]})"
        line += f"{t * 1e6:>11.1f}{1 / t:>10.0f}"
    mh.nflip = 2
    t = median_time(lambda: mh.search(xq, 10)) / len(xq)
    d, _ = mh.search(xq[:scan_q], 10)
    recall = float(np.mean(d[:, -1] == ref_d[:, -1]))
    line += f"{t * 1e6:>11.1f}{1 / t:>10.0f}"
    print(line)
    print(f"  multihash k=10 with nflip=2: 10th distance exact for {recall:.0%} of queries")


if __name__ == "__main__":
    main()
