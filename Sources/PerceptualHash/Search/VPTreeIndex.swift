/// A vantage-point tree (Yianilos, "Data structures and algorithms for nearest neighbor
/// search in general metric spaces", SODA 1993): each node picks a vantage entry and a
/// radius `μ`; entries within `μ` of it go inside, the others outside, so a query at distance
/// `d` from the vantage point skips the inside when `d - r > μ` and the outside when
/// `d + r <= μ`.
///
/// The tree is implicit: entries are reordered so that every subtree is a contiguous range
/// whose first entry is the vantage point, followed by the inside, then the outside; each node
/// stores only `μ` and where the outside starts. Ranges of at most 16 entries, and ranges
/// whose entries are all at one distance from the vantage point, are leaves scanned
/// linearly. `μ` is the median distance (distances are small integers, counted in a
/// histogram), moved down when the median would leave the outside empty. Vantage points
/// are chosen by a seeded generator, so a build is deterministic.
///
/// Inserts go to an unsorted buffer scanned by every query and merged by a rebuild beyond
/// `max(256, 4·sqrt(n))` entries; removals mark entries and rebuild once a quarter are marked.
///
/// - Complexity: build O(n log n · w) expected; queries sublinear for small radii on
///   clustered data, degrading to a scan with overhead for radii beyond about `bitCount / 8`
///   on random data. Memory: `8 w + 10` bytes per entry.
///
/// ```swift
/// let index = VPTreeIndex(bitCount: 64, words: hashes, ids: rowIDs)
/// let best = index.nearest(to: query, count: 5)
/// ```
public struct VPTreeIndex: HammingIndex {
    static let leafSize = 16
    static let leafMark = UInt32.max

    /// The entries in tree order, the insert buffer and the removal marks.
    var store: BufferedEntries
    /// For the node whose vantage point is entry `i`: the radius μ.
    var mu: [UInt16] = []
    /// For the node at `i`: where its outside range starts, or `leafMark` for a leaf range.
    var split: [UInt32] = []

    /// ``HammingIndexKind/vpTree``.
    public static var kind: HammingIndexKind { .vpTree }

    /// The number of bits of every fingerprint.
    public var bitCount: Int { store.bitCount }
    /// The number of entries.
    public var count: Int { store.count }

    /// Heap bytes held: entries, 6 bytes of node data per entry, buffer and marks.
    public var byteCount: Int {
        store.byteCount + mu.capacity * 2 + split.capacity * 4
    }

    /// An empty tree for `bitCount`-bit fingerprints.
    public init(bitCount: Int) {
        self.init(bitCount: bitCount, words: [], ids: [])
    }

    /// Builds the tree (deterministic: vantage points come from a fixed-seed generator).
    public init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        let source = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
        store = BufferedEntries(built: source)
        build(source)
    }

    private mutating func build(_ source: FingerprintStorage) {
        let n = source.count
        let w = source.wordCount
        let b = source.bitCount
        var order = [UInt32](unsafeUninitializedCapacity: n) { out, k in
            for i in 0..<n { out[i] = UInt32(i) }
            k = n
        }
        var muOut = [UInt16](repeating: 0, count: n)
        var splitOut = [UInt32](repeating: Self.leafMark, count: n)
        var dist = [Int](repeating: 0, count: n)
        var scratch = [UInt32](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: b + 2)
        var rng: UInt64 = 0x5EED_1DE7_0F1A_B1E5
        var stack: [(Int, Int)] = n > 0 ? [(0, n)] : []
        source.words.withUnsafeBufferPointer { p in
            while let (lo, hi) = stack.popLast() {
                if hi - lo <= Self.leafSize { continue }
                // SplitMix64 step picks the vantage point.
                rng &+= 0x9E37_79B9_7F4A_7C15
                var z = rng
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                let v = lo + Int(z % UInt64(hi - lo))
                order.swapAt(lo, v)
                let vp = Int(order[lo])
                let q = UnsafeBufferPointer(rebasing: p[(vp * w)..<(vp * w + w)])
                for k in 0...b { histogram[k] = 0 }
                var lowest = Int.max
                var highest = 0
                for i in (lo + 1)..<hi {
                    let d = HammingKernel.distance(p, Int(order[i]), w, q)
                    dist[i] = d
                    histogram[d] += 1
                    lowest = min(lowest, d)
                    highest = max(highest, d)
                }
                if lowest == highest { continue }  // one shell: a leaf
                // Median, then moved below the maximum so the outside is not empty.
                let half = (hi - lo - 1 + 1) / 2
                var m = 0
                var seen = 0
                while seen + histogram[m] < half { seen += histogram[m]; m += 1 }
                if m >= highest { m = highest - 1 }
                // Stable partition: inside (d <= m), then outside.
                var inside = lo + 1
                var outside = 0
                for i in (lo + 1)..<hi {
                    if dist[i] <= m {
                        order[inside] = order[i]
                        inside += 1
                    } else {
                        scratch[outside] = order[i]
                        outside += 1
                    }
                }
                for k in 0..<outside { order[inside + k] = scratch[k] }
                muOut[lo] = UInt16(m)
                splitOut[lo] = UInt32(inside)
                stack.append((lo + 1, inside))
                stack.append((inside, hi))
            }
        }
        var sorted = FingerprintStorage(bitCount: b)
        sorted.reserveCapacity(n)
        for i in order { sorted.append(from: source, at: Int(i)) }
        store = BufferedEntries(built: sorted)
        mu = muOut
        split = splitOut
    }

    private mutating func rebuild() {
        let (w, ids) = entries()
        build(FingerprintStorage(bitCount: bitCount, words: w, ids: ids))
    }

    /// Adds the entry to the insert buffer; rebuilds when the buffer is full.
    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        if store.insert(fingerprint, id: id) { rebuild() }
    }

    /// Removes every entry with `id` (O(n)); rebuilds once a quarter of the tree is marked.
    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        let (n, rebuild) = store.remove(id: id, rebuildDenominator: 4)
        if rebuild { self.rebuild() }
        return n
    }

    /// Every live entry: tree order, then the insert buffer.
    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        let out = store.live()
        return (out.words, out.ids)
    }

    /// Searches with a pruning radius that `visit(position, distance)` may lower (it returns
    /// the radius to use from then on); nearer halves are searched first.
    @inline(__always)
    private func walk(_ q: UnsafeBufferPointer<UInt64>, radius: Int, _ visit: (Int, Int) -> Int) {
        let n = store.main.count
        if n == 0 { return }
        let w = store.main.wordCount
        var r = radius
        var stack: [(Int32, Int32, Int32)] = [(0, Int32(n), 0)]  // range and a lower bound
        store.main.words.withUnsafeBufferPointer { p in
            mu.withUnsafeBufferPointer { mu in
                split.withUnsafeBufferPointer { split in
                    while let (lo32, hi32, bound) = stack.popLast() {
                        if Int(bound) > r || lo32 >= hi32 { continue }
                        let lo = Int(lo32)
                        let hi = Int(hi32)
                        let d = HammingKernel.distance(p, lo, w, q)
                        if d <= r { r = visit(lo, d) }
                        let s = split[lo]
                        if s == Self.leafMark {
                            for i in (lo + 1)..<hi {
                                let e = HammingKernel.distance(p, i, w, q)
                                if e <= r { r = visit(i, e) }
                            }
                            continue
                        }
                        let m = Int(mu[lo])
                        let mid = Int(s)
                        let inBound = Int32(max(d - m, 0))
                        let outBound = Int32(max(m + 1 - d, 0))
                        // Push the farther side first so the nearer is searched first.
                        if d <= m {
                            if d + r >= m + 1 { stack.append((Int32(mid), hi32, outBound)) }
                            stack.append((lo32 + 1, Int32(mid), inBound))
                        } else {
                            if d - r <= m { stack.append((lo32 + 1, Int32(mid), inBound)) }
                            stack.append((Int32(mid), hi32, outBound))
                        }
                    }
                }
            }
        }
    }

    /// Every entry within `radius`, sorted by `(distance, id)`.
    public func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult] {
        let q = store.main.queryWords(query)
        guard radius >= 0 else { return [] }
        var out: [PackedResult] = []
        let anyRemoved = store.anyRemoved
        q.withUnsafeBufferPointer { q in
            store.pending.scan(q, within: radius, removed: nil, into: &out)
            walk(q, radius: radius) { i, d in
                if !anyRemoved || !store.removed.contains(i) {
                    out.append(UInt64(d) << 32 | UInt64(store.main.ids[i]))
                }
                return radius
            }
        }
        return SearchResult.sortedResults(&out)
    }

    /// The first `k` entries by `(distance, id)`: nearer halves first, pruning with the
    /// current k-th distance.
    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = store.main.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        let anyRemoved = store.anyRemoved
        q.withUnsafeBufferPointer { q in
            store.pending.scan(q, removed: nil, into: &top)
            walk(q, radius: min(top.threshold, Int.max / 4)) { i, d in
                if !anyRemoved || !store.removed.contains(i) {
                    top.offer(UInt64(d) << 32 | UInt64(store.main.ids[i]))
                }
                return min(top.threshold, Int.max / 4)
            }
        }
        return top.results()
    }
}
