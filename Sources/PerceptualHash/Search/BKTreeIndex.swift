/// A Burkhard–Keller tree (Burkhard, Keller, "Some approaches to best-match file searching",
/// CACM 1973): each node's children are keyed by their Hamming distance to it, so a query at
/// distance `d` from a node need only descend into children keyed `d - r ... d + r`
/// (triangle inequality).
///
/// Nodes live in flat arrays in insertion order (first child, next sibling, edge distance);
/// entries equal to a node's fingerprint hang off it in a duplicate chain, so collections of
/// identical fingerprints stay shallow. Inserting walks one root-to-leaf path, so the tree
/// suits collections that grow by inserts. Removal marks the entry; the tree is rebuilt once
/// half of its nodes are marked.
///
/// - Complexity: a radius query visits every node within the pruning bounds: strongly
///   sublinear only for radii of a few bits (it degrades towards a scan, with pointer chasing,
///   beyond about `bitCount / 8`). Insert: O(depth · children). Memory: `8 w + 18` bytes per
///   entry.
///
/// ```swift
/// var index = BKTreeIndex(bitCount: 64)
/// index.insert(try Fingerprint(hex: "d027473e388587f9"), id: 1)
/// index.neighbors(of: try Fingerprint(hex: "d027473e388587f8"), within: 2)   // [1@1]
/// ```
public struct BKTreeIndex: HammingIndex {
    static let none = UInt32.max

    /// The nodes' entries in insertion order and their removal marks (the insert buffer stays
    /// empty: inserts link in place).
    var store: BufferedEntries
    var firstChild: [UInt32] = []
    var nextSibling: [UInt32] = []
    var nextDuplicate: [UInt32] = []
    /// The distance to the parent minus 1 (children are 1 ... bitCount away), so 65536-bit
    /// fingerprints fit.
    var edge: [UInt16] = []

    /// ``HammingIndexKind/bkTree``.
    public static var kind: HammingIndexKind { .bkTree }

    /// The number of bits of every fingerprint.
    public var bitCount: Int { store.bitCount }
    /// The number of entries.
    public var count: Int { store.count }

    /// Heap bytes held: entries plus 14 bytes of links per node and the removal marks.
    public var byteCount: Int {
        store.byteCount + firstChild.capacity * 4 + nextSibling.capacity * 4
            + nextDuplicate.capacity * 4 + edge.capacity * 2
    }

    /// An empty tree for `bitCount`-bit fingerprints.
    public init(bitCount: Int) {
        store = BufferedEntries(built: FingerprintStorage(bitCount: bitCount))
    }

    /// Builds the tree by inserting the entries in order into preallocated arrays (no
    /// per-insert growth); the same tree as inserting them one by one.
    public init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        let source = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
        store = BufferedEntries(built: source)
        let n = source.count
        firstChild = [UInt32](repeating: Self.none, count: n)
        nextSibling = [UInt32](repeating: Self.none, count: n)
        nextDuplicate = [UInt32](repeating: Self.none, count: n)
        edge = [UInt16](repeating: 0, count: n)
        for i in 1..<max(n, 1) { link(i) }
    }

    /// Hangs node `i` (already in `store.main`) into the tree rooted at node 0.
    private mutating func link(_ i: Int) {
        let w = store.main.wordCount
        var node = 0
        store.main.words.withUnsafeBufferPointer { p in
            let q = UnsafeBufferPointer(rebasing: p[(i * w)..<(i * w + w)])
            while true {
                let d = HammingKernel.distance(p, node, w, q)
                if d == 0 {
                    nextDuplicate[i] = nextDuplicate[node]
                    nextDuplicate[node] = UInt32(i)
                    return
                }
                var c = firstChild[node]
                while c != Self.none, Int(edge[Int(c)]) + 1 != d { c = nextSibling[Int(c)] }
                if c == Self.none {
                    edge[i] = UInt16(d - 1)
                    nextSibling[i] = firstChild[node]
                    firstChild[node] = UInt32(i)
                    return
                }
                node = Int(c)
            }
        }
    }

    /// Adds a node at the end of the path of matching edge distances; O(depth · children).
    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        store.appendBuilt(fingerprint, id: id)
        firstChild.append(Self.none)
        nextSibling.append(Self.none)
        nextDuplicate.append(Self.none)
        edge.append(0)
        let i = store.main.count - 1
        if i > 0 { link(i) }
    }

    /// Marks every entry with `id` removed (O(n)); rebuilds once half the nodes are marked.
    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        let (n, rebuild) = store.remove(id: id, rebuildDenominator: 2)
        if rebuild {
            let (w, ids) = entries()
            self = BKTreeIndex(bitCount: bitCount, words: w, ids: ids)
        }
        return n
    }

    /// Every live entry, in insertion order (so a reload rebuilds the same tree).
    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        let out = store.live()
        return (out.words, out.ids)
    }

    /// Walks the tree with a pruning radius that `visit` may lower: `visit(node, distance)`
    /// is called for every node and every duplicate of it that the bound cannot exclude and
    /// returns the radius to prune with from then on.
    @inline(__always)
    private func walk(
        _ q: UnsafeBufferPointer<UInt64>, radius: Int, _ visit: (Int, Int) -> Int
    ) {
        if store.main.count == 0 { return }
        let w = store.main.wordCount
        var r = radius
        var stack: [UInt32] = [0]
        store.main.words.withUnsafeBufferPointer { p in
            firstChild.withUnsafeBufferPointer { firstChild in
                nextSibling.withUnsafeBufferPointer { nextSibling in
                    edge.withUnsafeBufferPointer { edge in
                        while let top = stack.popLast() {
                            let node = Int(top)
                            let d = HammingKernel.distance(p, node, w, q)
                            if d <= r {
                                r = visit(node, d)
                                var dup = nextDuplicate[node]
                                while dup != Self.none {
                                    r = visit(Int(dup), d)
                                    dup = nextDuplicate[Int(dup)]
                                }
                            }
                            var c = firstChild[node]
                            while c != Self.none {
                                let e = Int(edge[Int(c)]) + 1
                                if e >= d - r, e <= d + r { stack.append(c) }
                                c = nextSibling[Int(c)]
                            }
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
            walk(q, radius: radius) { node, d in
                if !anyRemoved || !store.removed.contains(node) {
                    out.append(UInt64(d) << 32 | UInt64(store.main.ids[node]))
                }
                return radius
            }
        }
        return SearchResult.sortedResults(&out)
    }

    /// The first `k` entries by `(distance, id)`: a depth-first walk pruning with the current
    /// k-th distance.
    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = store.main.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        let anyRemoved = store.anyRemoved
        q.withUnsafeBufferPointer { q in
            walk(q, radius: Int.max / 4) { node, d in
                if !anyRemoved || !store.removed.contains(node) {
                    top.offer(UInt64(d) << 32 | UInt64(store.main.ids[node]))
                }
                return min(top.threshold, Int.max / 4)
            }
        }
        return top.results()
    }
}
