/// The permutation layout of tables `1 ..< m` (longer fingerprints, smaller collections): each
/// slot is a `UInt32` position into the entries, sorted by the table's key; the key's bits past
/// the bucket (at most 8) are a tag, kept beside each slot or, below 2^24 entries, in the top
/// byte of the position, so that most slots whose key is too far are skipped without reading
/// their entry.
struct PermutationTables: Sendable {
    typealias Table = MultiIndexHashIndex.Table

    /// Tables 1 ..< m: `n` positions each, concatenated, sorted by key; with up to 2^24
    /// entries each position carries its slot's tag in bits 24 to 31, so one load gives both.
    var permutations: [UInt32] = []
    /// The separate tags of the tables that keep them apart (table 0 always does), `n` per
    /// such table, concatenated.
    var tags: [UInt8] = []

    init() {}

    /// Builds tables `1 ..< m` of `plan` over `main` (the entries in table-0 order);
    /// `tableZeroKeys` are table 0's keys in the original order and `order` the original
    /// position of each slot.
    init(
        plan: MultiIndexHashIndex.Plan, main: FingerprintStorage, tableZeroKeys: [UInt32], order: [UInt32],
        directory dirs: inout [UInt32]
    ) {
        let n = main.count
        let m = plan.tables.count
        let w = main.wordCount
        let layout = plan.tables
        var keys = tableZeroKeys
        var allTags = [UInt8](repeating: 0, count: plan.tagCount)
        let t0 = layout[0]
        let tagMask0 = UInt32((1 << t0.tagBits) - 1)
        if t0.tagBase >= 0 {
            for slot in 0..<n { allTags[slot] = UInt8(truncatingIfNeeded: keys[Int(order[slot])] & tagMask0) }
        }
        var perms: [UInt32] = []
        perms.reserveCapacity(n * (m - 1))
        for j in 1..<max(m, 1) {
            let t = layout[j]
            main.words.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    keys[i] = UInt32(truncatingIfNeeded: MultiIndexHashIndex.key(p, i * w, t.start, t.keyBits))
                }
            }
            var perm = MultiIndexHashIndex.countingSort(keys: keys, table: t, directory: &dirs)
            let tagMask = UInt32((1 << t.tagBits) - 1)
            if t.tagsInPermutation {
                for slot in 0..<n { perm[slot] |= (keys[Int(perm[slot])] & tagMask) << 24 }
            } else if t.tagBase >= 0 {
                for slot in 0..<n {
                    allTags[t.tagBase + slot] = UInt8(truncatingIfNeeded: keys[Int(perm[slot])] & tagMask)
                }
            }
            perms += perm
        }
        permutations = perms
        tags = allTags
    }

    var byteCount: Int { permutations.capacity * 4 + tags.capacity }
}

extension MultiIndexHashIndex {
    /// Pointers to what the permutation layout's queries read, valid inside the call that
    /// made them.
    struct PermutationBuffers {
        var tables: UnsafeBufferPointer<Table>
        var words: UnsafeBufferPointer<UInt64>
        var ids: UnsafeBufferPointer<UInt32>
        var directories: UnsafeBufferPointer<UInt32>
        var permutations: UnsafeBufferPointer<UInt32>
        var tags: UnsafeBufferPointer<UInt8>
    }

    /// Calls `body` with the buffers of `layout` and of the index: the one place the
    /// permutation queries take unsafe access.
    @inline(__always)
    func withBuffers<R>(_ layout: PermutationTables, _ body: (PermutationBuffers) -> R) -> R {
        tables.withUnsafeBufferPointer { tables in
            store.main.words.withUnsafeBufferPointer { words in
                store.main.ids.withUnsafeBufferPointer { ids in
                    directories.withUnsafeBufferPointer { directories in
                        layout.permutations.withUnsafeBufferPointer { permutations in
                            layout.tags.withUnsafeBufferPointer { tags in
                                body(
                                    PermutationBuffers(
                                        tables: tables, words: words, ids: ids, directories: directories,
                                        permutations: permutations, tags: tags))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The query's per-table state: bucket and tag of its key.
    struct QueryKeys {
        var keys: [Int]
        var buckets: [Int]
        var tags: [UInt8]
    }

    func queryKeys(_ q: UnsafeBufferPointer<UInt64>) -> QueryKeys {
        var r = QueryKeys(keys: [], buckets: [], tags: [])
        for t in tables {
            let k = Self.key(q, 0, t.start, t.keyBits)
            r.keys.append(k)
            r.buckets.append(k >> t.tagBits)
            r.tags.append(UInt8(truncatingIfNeeded: k & ((1 << t.tagBits) - 1)))
        }
        return r
    }

    /// Appends the position of every slot of table `j` whose key distance to the query is in
    /// `low ... high`. Gathering first and verifying afterwards keeps many independent memory
    /// loads in flight.
    @inline(__always)
    private func collect(
        table j: Int, low: Int, high: Int, _ qk: QueryKeys, _ b: PermutationBuffers, into out: inout [UInt32]
    ) {
        let t = b.tables[j]
        let n = b.ids.count
        if high < 0 { return }
        let qb = qk.buckets[j]
        let qt = qk.tags[j]
        let tagBase = t.tagBase
        let permBase = (j - 1) * n
        let dir = b.directories
        let perm = b.permutations
        // Phase 1: the non-empty buckets (independent loads of the offsets).
        var ranges: [SIMD4<UInt32>] = []  // start, end, bucket distance
        for eb in 0...min(high, t.bucketBits) where low - eb <= t.tagBits {
            Self.forEachMask(bits: t.bucketBits, weight: eb) { mask in
                let bucket = t.directoryBase + (qb ^ mask)
                let start = dir[bucket]
                let end = dir[bucket + 1]
                if start != end { ranges.append(SIMD4(start, end, UInt32(eb), 0)) }
            }
        }
        // Phase 2: the slots whose key distance is in range.
        if t.tagsInPermutation {
            for r in ranges {
                let eb = Int(r[2])
                for slot in Int(r[0])..<Int(r[1]) {
                    let v = perm[permBase + slot]
                    let kd = eb + (UInt8(truncatingIfNeeded: v >> 24) ^ qt).nonzeroBitCount
                    if kd >= low, kd <= high { out.append(v & 0x00FF_FFFF) }
                }
            }
            return
        }
        for r in ranges {
            let eb = Int(r[2])
            var slot = Int(r[0])
            let end = Int(r[1])
            if tagBase < 0 {
                if eb < low || eb > high { continue }
                if j == 0 {
                    while slot < end { out.append(UInt32(truncatingIfNeeded: slot)); slot += 1 }
                } else {
                    while slot < end { out.append(perm[permBase + slot]); slot += 1 }
                }
                continue
            }
            while slot < end {
                let kd = eb + (b.tags[tagBase + slot] ^ qt).nonzeroBitCount
                if kd >= low, kd <= high {
                    out.append(j == 0 ? UInt32(truncatingIfNeeded: slot) : perm[permBase + slot])
                }
                slot += 1
            }
        }
    }

    /// The radius query on the permutation layout: each table's candidates within its
    /// substring limit, verified in full, reported from the first table that can reach them.
    func probeRadius(
        _ layout: PermutationTables, _ q: UnsafeBufferPointer<UInt64>, radius: Int, s: Int, a: Int,
        into out: inout [PackedResult]
    ) {
        let m = tables.count
        let w = store.main.wordCount
        let removed = store.removedMarks
        let qk = queryKeys(q)
        let limits = (0..<m).map { $0 <= a ? s : s - 1 }
        withBuffers(layout) { b in
            var candidates: [UInt32] = []
            for j in 0..<m {
                candidates.removeAll(keepingCapacity: true)
                collect(table: j, low: 0, high: limits[j], qk, b, into: &candidates)
                for c in candidates {
                    let pos = Int(c)
                    let d = HammingKernel.distance(b.words, pos, w, q)
                    if d > radius { continue }
                    // Reported by an earlier table?
                    var earlier = false
                    var i = 0
                    while i < j {
                        let t = b.tables[i]
                        let k = Self.key(b.words, pos &* w, t.start, t.keyBits)
                        if (k ^ qk.keys[i]).nonzeroBitCount <= limits[i] {
                            earlier = true
                            break
                        }
                        i += 1
                    }
                    if earlier { continue }
                    if let removed, removed.contains(pos) { continue }
                    out.append(UInt64(d) << 32 | UInt64(b.ids[pos]))
                }
            }
        }
    }

    /// Level-by-level k-nearest search: level `e` visits, table by table, the slots whose key
    /// distance is exactly `e`. Returns false when it gave up because the next level would
    /// cost more than a scan (`top` is then partial).
    func probeNearest(_ layout: PermutationTables, _ q: UnsafeBufferPointer<UInt64>, into top: inout TopK) -> Bool {
        let m = tables.count
        let n = store.main.count
        if n == 0 { return true }
        let w = store.main.wordCount
        let removed = store.removedMarks
        let qk = queryKeys(q)
        let maxLevel = tables.map(\.keyBits).min() ?? 0
        let probeCost = tuning.probeCost
        // Give up (and scan) once the probes would cost a quarter of a scan: on uniformly
        // random fingerprints the k-th neighbour is far and probing cannot win.
        var budget = n / 4
        var candidates: [UInt32] = []
        return withBuffers(layout) { b in
            for e in 0...maxLevel {
                var cost = 0
                for j in 0..<m {
                    cost = min(cost + Self.bucketVisits(b.tables[j], low: e, high: e), Int.max / 4)
                }
                if cost.multipliedReportingOverflow(by: probeCost).overflow { return false }
                budget -= cost * probeCost
                if budget < 0 { return false }
                for j in 0..<m {
                    candidates.removeAll(keepingCapacity: true)
                    collect(table: j, low: e, high: e, qk, b, into: &candidates)
                    for c in candidates {
                        let pos = Int(c)
                        let d = HammingKernel.distance(b.words, pos, w, q)
                        if d > top.threshold { continue }
                        // Seen first at (smallest key distance, first table with it)?
                        var first = true
                        for i in 0..<m where i != j {
                            let t = b.tables[i]
                            let kd = (Self.key(b.words, pos &* w, t.start, t.keyBits) ^ qk.keys[i]).nonzeroBitCount
                            if i < j ? kd <= e : kd < e {
                                first = false
                                break
                            }
                        }
                        if !first { continue }
                        if let removed, removed.contains(pos) { continue }
                        top.offer(UInt64(d) << 32 | UInt64(b.ids[pos]))
                    }
                    if top.isFull, top.threshold <= m * e + j { return true }
                }
            }
            return true
        }
    }
}
