/// How one table of the inline layout splits a one-word fingerprint: the bucket is the bits
/// `start ..< start + bucketBits` (bit 0 is the word's most significant bit, as in
/// ``Fingerprint/word(_:)``), and the slot holds the other `bitCount - bucketBits` bits (at most
/// ``restBits``), in their order, right-aligned.
struct InlineTable: Sendable, Equatable {
    /// The most bits a slot holds.
    static let restBits = 48
    /// Bytes per slot, little-endian.
    static let slotBytes = 6
    static let slotMask: UInt64 = (1 << 48) - 1
    /// Bytes after the last slot: room for 8-byte reads of four slots starting at any slot.
    static let padding = 3 * 6 + 8

    let bucketBits: Int
    /// Where the bucket's lowest bit sits in the word: `64 - start - bucketBits`.
    let bucketShift: UInt64
    /// The bits before the bucket.
    let highMask: UInt64
    /// The bits after the bucket.
    let lowMask: UInt64
    /// The unused low bits of the word: `64 - bitCount`.
    let pad: UInt64

    init(bitCount: Int, start: Int, bucketBits: Int) {
        precondition(bitCount <= 64 && bitCount - bucketBits <= Self.restBits && start + bucketBits <= bitCount)
        self.bucketBits = bucketBits
        bucketShift = UInt64(64 - start - bucketBits)
        highMask = start == 0 ? 0 : ~0 << UInt64(64 - start)
        lowMask = start + bucketBits >= 64 ? 0 : ~0 >> UInt64(start + bucketBits)
        pad = UInt64(64 - bitCount)
    }

    /// The bucket of fingerprint word `x`.
    @inline(__always)
    func bucket(of x: UInt64) -> Int {
        Int(truncatingIfNeeded: (x &>> bucketShift) & ((1 &<< UInt64(bucketBits)) &- 1))
    }

    /// The bits of `x` outside the bucket, right-aligned.
    @inline(__always)
    func rest(of x: UInt64) -> UInt64 {
        ((x & highMask) &>> UInt64(bucketBits) | (x & lowMask)) &>> pad
    }

    /// The word whose bucket is `bucket` and whose other bits are `rest`.
    @inline(__always)
    func word(rest r: UInt64, bucket: Int) -> UInt64 {
        let v = r &<< pad
        // bucketShift is 64 only for an empty bucket at bit 0, whose value is 0.
        let b = bucketBits == 0 ? 0 : UInt64(truncatingIfNeeded: bucket) &<< bucketShift
        return (v & lowMask) | ((v &<< UInt64(bucketBits)) & highMask) | b
    }
}

/// A non-empty bucket to scan: its slots and its bucket number.
struct InlineRange {
    var start: UInt32
    var end: UInt32
    var bucket: UInt32
}

/// The inline layout of tables `1 ..< m` (one-word fingerprints whose bits outside every
/// bucket number at most ``InlineTable/restBits``): each slot holds, in 6 bytes, its entry's
/// bits outside the table's bucket, so the full distance is checked where the slot is read.
struct InlineTables: Sendable {
    /// How each table (0 ..< m) splits a word.
    var geometry: [InlineTable]
    /// Tables 1 ..< m: `n` slots of ``InlineTable/slotBytes`` each, concatenated, sorted by
    /// bucket, plus ``InlineTable/padding`` bytes so four slots can be read with unaligned
    /// 8-byte loads from any slot.
    var rest: [UInt8]

    /// Builds tables `1 ..< m` of `plan` over `main` (the entries in table-0 order); `keys`
    /// is scratch of `n` values.
    init(plan: MultiIndexHashIndex.Plan, main: FingerprintStorage, keys: inout [UInt32], directory dirs: inout [UInt32])
    {
        let n = main.count
        let m = plan.tables.count
        geometry = plan.inline
        var rest = [UInt8](repeating: 0, count: n * (m - 1) * InlineTable.slotBytes + InlineTable.padding)
        rest.withUnsafeMutableBytes { out in
            main.words.withUnsafeBufferPointer { p in
                for j in 1..<max(m, 1) {
                    let t = plan.tables[j]
                    let it = plan.inline[j]
                    for i in 0..<n { keys[i] = UInt32(truncatingIfNeeded: it.bucket(of: p[i])) }
                    let perm = MultiIndexHashIndex.countingSort(keys: keys, table: t, directory: &dirs)
                    let tableBase = (j - 1) * n * InlineTable.slotBytes
                    for (slot, i) in perm.enumerated() {
                        let r = it.rest(of: p[Int(i)])
                        let o = tableBase + slot * InlineTable.slotBytes
                        out.storeBytes(
                            of: UInt32(truncatingIfNeeded: r).littleEndian, toByteOffset: o, as: UInt32.self)
                        out.storeBytes(
                            of: UInt16(truncatingIfNeeded: r >> 32).littleEndian, toByteOffset: o + 4,
                            as: UInt16.self)
                    }
                }
            }
        }
        self.rest = rest
    }

    var byteCount: Int { rest.capacity }
}

extension MultiIndexHashIndex {
    /// Keeps the reads that produced `x` (an opaque call the optimizer cannot remove).
    @_optimize(none) @inline(never)
    static func consume(_ x: UInt64) {}

    /// Writes every non-empty bucket of table `j` at bucket distance `low ... high` from
    /// `qBucket` to `ranges` (room for ``bucketVisits(_:low:high:)`` of them) and returns how
    /// many; `touched` receives the XOR of one slot in every cache line of each bucket of up
    /// to 17 entries (Swift has no prefetch instruction: these plain reads, independent of
    /// each other, let the processor fetch the lines of many buckets at once before the scan
    /// needs them).
    @inline(__always)
    func gatherInline(
        table j: Int, low: Int, high: Int, qBucket: Int, dir: UnsafePointer<UInt32>,
        words: UnsafePointer<UInt64>, rest: UnsafeRawPointer, into ranges: UnsafeMutablePointer<InlineRange>,
        touched: inout UInt64
    ) -> Int {
        let t = tables[j]
        if high < 0 || low > t.bucketBits { return 0 }
        var count = 0
        let d = dir.advanced(by: t.directoryBase)
        for eb in max(low, 0)...min(high, t.bucketBits) {
            Self.forEachMask(bits: t.bucketBits, weight: eb) { mask in
                let bucket = qBucket ^ mask
                let start = d[bucket]
                let end = d[bucket &+ 1]
                ranges[count] = InlineRange(start: start, end: end, bucket: UInt32(truncatingIfNeeded: bucket))
                count &+= start != end ? 1 : 0
            }
        }
        var sink: UInt64 = 0
        if j == 0 {
            for k in 0..<count {
                let start = Int(ranges[k].start)
                let last = Int(ranges[k].end) &- 1
                sink ^= words[start] ^ words[min(start &+ 8, last)] ^ words[min(start &+ 16, last)]
            }
        } else {
            let p = rest.advanced(by: (j &- 1) &* store.main.count &* InlineTable.slotBytes)
            for k in 0..<count {
                let start = Int(ranges[k].start)
                let last = Int(ranges[k].end) &- 1
                sink ^= p.loadUnaligned(fromByteOffset: start &* InlineTable.slotBytes, as: UInt64.self)
                sink ^= p.loadUnaligned(
                    fromByteOffset: min(start &+ 10, last) &* InlineTable.slotBytes, as: UInt64.self)
                sink ^= p.loadUnaligned(
                    fromByteOffset: min(start &+ 20, last) &* InlineTable.slotBytes, as: UInt64.self)
            }
        }
        touched ^= sink
        return count
    }

    /// Visits every slot of the `count` buckets at `ranges` (table `j`) whose full distance to
    /// `q` is at most `limit`: `body(word, slot, distance)`; `slot` is the entry's position
    /// for table 0 and meaningless for the others.
    @inline(__always)
    func scanInline(
        table j: Int, _ layout: InlineTables, _ ranges: UnsafeMutablePointer<InlineRange>, count: Int, q: UInt64,
        qBucket: Int, limit: Int, words: UnsafePointer<UInt64>, rest: UnsafeRawPointer,
        _ body: (UInt64, Int, Int) -> Void
    ) {
        let n = store.main.count
        if j == 0 {
            // Eight slots at a time, reading past the bucket (but not past the entries):
            // d <= limit exactly when d - (limit + 1) wraps.
            let qv = SIMD8<UInt64>(repeating: q)
            let lv = SIMD8<UInt64>(repeating: UInt64(clamping: min(limit, 64) + 1))
            let raw = UnsafeRawPointer(words)
            for k in 0..<count {
                var slot = Int(ranges[k].start)
                let end = Int(ranges[k].end)
                while slot < end {
                    if slot &+ 8 > n {
                        let x = words[slot]
                        let d = (x ^ q).nonzeroBitCount
                        if d <= limit { body(x, slot, d) }
                        slot &+= 1
                        continue
                    }
                    let x = raw.loadUnaligned(fromByteOffset: slot &* 8, as: SIMD8<UInt64>.self)
                    let dv = (x ^ qv).nonzeroBitCount
                    if HammingKernel.anyTopBit(dv &- lv) {
                        for lane in 0..<min(8, end &- slot) where Int(dv[lane]) <= limit {
                            body(x[lane], slot &+ lane, Int(dv[lane]))
                        }
                    }
                    slot &+= 8
                }
            }
            return
        }
        // Four slots at a time (the buffer's padding covers reads past the last slot).
        let t = layout.geometry[j]
        let qRest = SIMD4<UInt64>(repeating: t.rest(of: q))
        let mask = SIMD4<UInt64>(repeating: InlineTable.slotMask)
        let p = rest.advanced(by: (j &- 1) &* n &* InlineTable.slotBytes)
        for k in 0..<count {
            let bucket = Int(ranges[k].bucket)
            let eb = (bucket ^ qBucket).nonzeroBitCount
            let budget = limit &- eb
            if budget < 0 { continue }
            let bv = SIMD4<UInt64>(repeating: UInt64(min(budget, 64) &+ 1))
            var slot = Int(ranges[k].start)
            let end = Int(ranges[k].end)
            while slot < end {
                let o = slot &* InlineTable.slotBytes
                let x =
                    SIMD4<UInt64>(
                        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self)),
                        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o &+ 6, as: UInt64.self)),
                        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o &+ 12, as: UInt64.self)),
                        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o &+ 18, as: UInt64.self))) & mask
                let dv = (x ^ qRest).nonzeroBitCount
                let tv = dv &- bv
                if (tv[0] | tv[1] | tv[2] | tv[3]) >> 63 != 0 {
                    for lane in 0..<min(4, end &- slot) where Int(dv[lane]) <= budget {
                        body(t.word(rest: x[lane], bucket: bucket), slot &+ lane, Int(dv[lane]) &+ eb)
                    }
                }
                slot &+= 4
            }
        }
    }

    /// Emits, for each distinct word of `found`, every live entry holding it (found by binary
    /// search in table 0's bucket of the word), and empties `found`.
    @inline(__always)
    func expandInline(
        _ found: inout [UInt64], _ layout: InlineTables, q: UInt64, dir: UnsafePointer<UInt32>,
        words: UnsafePointer<UInt64>, ids: UnsafePointer<UInt32>, _ emit: (PackedResult) -> Void
    ) {
        if found.isEmpty { return }
        found.sort()
        let t = tables[0]
        let t0 = layout.geometry[0]
        let anyRemoved = store.anyRemoved
        var previous: UInt64? = nil
        for f in found where f != previous {
            previous = f
            let d = UInt64((f ^ q).nonzeroBitCount)
            let bucket = t0.bucket(of: f)
            // Table 0's buckets are sorted by fingerprint: the first slot holding f.
            var slot = Int(dir[t.directoryBase &+ bucket])
            var upper = Int(dir[t.directoryBase &+ bucket &+ 1])
            let end = upper
            while slot < upper {
                let mid = (slot &+ upper) >> 1
                if words[mid] < f { slot = mid &+ 1 } else { upper = mid }
            }
            while slot < end, words[slot] == f {
                if !(anyRemoved && store.removed.contains(slot)) { emit(d << 32 | UInt64(ids[slot])) }
                slot &+= 1
            }
        }
        found.removeAll(keepingCapacity: true)
    }

    /// Pointers to what the inline queries read, and their scratch, valid inside the call
    /// that made them.
    struct InlineBuffers {
        var dir: UnsafePointer<UInt32>
        var words: UnsafePointer<UInt64>
        var ids: UnsafePointer<UInt32>
        var rest: UnsafeRawPointer
        /// How each table splits a word.
        var geometry: UnsafePointer<InlineTable>
        /// The query's bucket in each table.
        var queryBuckets: UnsafePointer<Int>
        /// Room for the bucket ranges of one table's probe.
        var ranges: UnsafeMutablePointer<InlineRange>
    }

    /// Calls `body` with the buffers of `layout` and of the index, the query's bucket in each
    /// table, and room for `rangeCapacity` bucket ranges: the one place the inline queries
    /// take unsafe access.
    @inline(__always)
    func withInlineBuffers<R>(
        _ layout: InlineTables, query q: UInt64, rangeCapacity: Int, _ body: (InlineBuffers) -> R
    ) -> R {
        directories.withUnsafeBufferPointer { dir in
            store.main.words.withUnsafeBufferPointer { words in
                store.main.ids.withUnsafeBufferPointer { ids in
                    layout.rest.withUnsafeBytes { rest in
                        layout.geometry.withUnsafeBufferPointer { geometry in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(geometry.count, 1)) { qb in
                                for j in 0..<geometry.count { qb[j] = geometry[j].bucket(of: q) }
                                return withUnsafeTemporaryAllocation(
                                    of: InlineRange.self, capacity: max(rangeCapacity, 1)
                                ) { ranges in
                                    // Placeholders for empty buffers are never read: an empty
                                    // table has no non-empty bucket.
                                    var w: UInt64 = 0
                                    var i: UInt32 = 0
                                    var r: UInt64 = 0
                                    return withUnsafePointer(to: &w) { wp in
                                        withUnsafePointer(to: &i) { ip in
                                            withUnsafeBytes(of: &r) { rp in
                                                body(
                                                    InlineBuffers(
                                                        dir: dir.baseAddress!, words: words.baseAddress ?? wp,
                                                        ids: ids.baseAddress ?? ip,
                                                        rest: rest.baseAddress ?? rp.baseAddress!,
                                                        geometry: geometry.baseAddress!,
                                                        queryBuckets: UnsafePointer(qb.baseAddress!),
                                                        ranges: ranges.baseAddress!))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The radius query on the inline layout: table 0's matches are reported from their
    /// position; the other tables' matches are collected as words (each from the first table
    /// that can reach it) and expanded to entries through table 0.
    func probeRadiusInline(
        _ layout: InlineTables, _ q: UInt64, radius: Int, s: Int, a: Int, into out: inout [PackedResult]
    ) {
        let m = tables.count
        let anyRemoved = store.anyRemoved
        // Table j's substring limit: s for tables 0 ... a, s - 1 for the others.
        let room = (0..<m).map { Self.bucketVisits(tables[$0], low: 0, high: $0 <= a ? s : s - 1) }.max() ?? 0
        var found: [UInt64] = []
        var touched: UInt64 = 0
        defer { Self.consume(touched) }
        withInlineBuffers(layout, query: q, rangeCapacity: room) { b in
            let qb = b.queryBuckets
            for j in 0..<m {
                let count = gatherInline(
                    table: j, low: 0, high: j <= a ? s : s &- 1, qBucket: qb[j], dir: b.dir, words: b.words,
                    rest: b.rest, into: b.ranges, touched: &touched)
                scanInline(
                    table: j, layout, b.ranges, count: count, q: q, qBucket: qb[j], limit: radius, words: b.words,
                    rest: b.rest
                ) { f, slot, d in
                    if j == 0 {
                        if anyRemoved, store.removed.contains(slot) { return }
                        out.append(UInt64(d) << 32 | UInt64(b.ids[slot]))
                        return
                    }
                    var i = 0
                    while i < j {
                        let limit = i <= a ? s : s &- 1
                        if (b.geometry[i].bucket(of: f) ^ qb[i]).nonzeroBitCount <= limit { return }
                        i &+= 1
                    }
                    found.append(f)
                }
            }
            expandInline(&found, layout, q: q, dir: b.dir, words: b.words, ids: b.ids) { out.append($0) }
        }
    }

    /// The level-by-level k-nearest query on the inline layout (see `probeNearest`).
    func probeNearestInline(_ layout: InlineTables, _ q: UInt64, into top: inout TopK) -> Bool {
        let m = tables.count
        let n = store.main.count
        if n == 0 { return true }
        let anyRemoved = store.anyRemoved
        let maxLevel = tables.map(\.bucketBits).min() ?? 0
        // The levels the budget allows (a quarter of a scan), and the most bucket ranges one
        // table's probe at any of them needs.
        var budget = n / 4
        var levels = 0
        var room = 0
        for e in 0...maxLevel {
            var cost = 0
            var widest = 0
            for j in 0..<m {
                let v = Self.bucketVisits(tables[j], low: e, high: e)
                cost = min(cost + v, Int.max / 4)
                widest = max(widest, v)
            }
            if cost.multipliedReportingOverflow(by: tuning.probeCost).overflow { break }
            budget -= cost * tuning.probeCost
            if budget < 0 { break }
            levels = e + 1
            room = max(room, widest)
        }
        var found: [UInt64] = []
        var touched: UInt64 = 0
        defer { Self.consume(touched) }
        let finished = withInlineBuffers(layout, query: q, rangeCapacity: room) { b -> Bool in
            let qb = b.queryBuckets
            for e in 0..<levels {
                for j in 0..<m {
                    let count = gatherInline(
                        table: j, low: e, high: e, qBucket: qb[j], dir: b.dir, words: b.words, rest: b.rest,
                        into: b.ranges, touched: &touched)
                    scanInline(
                        table: j, layout, b.ranges, count: count, q: q, qBucket: qb[j], limit: top.threshold,
                        words: b.words, rest: b.rest
                    ) { f, slot, d in
                        if d > top.threshold { return }
                        // Seen first at (level e, table j): no table before j has the word
                        // within e, none after it within e - 1.
                        for i in 0..<m where i != j {
                            let kd = (b.geometry[i].bucket(of: f) ^ qb[i]).nonzeroBitCount
                            if i < j ? kd <= e : kd < e { return }
                        }
                        if j == 0 {
                            if anyRemoved, store.removed.contains(slot) { return }
                            top.offer(UInt64(d) << 32 | UInt64(b.ids[slot]))
                        } else {
                            found.append(f)
                        }
                    }
                    expandInline(&found, layout, q: q, dir: b.dir, words: b.words, ids: b.ids) { top.offer($0) }
                    if top.isFull, top.threshold <= m * e + j { return true }
                }
            }
            // Every level was visited, or the budget stopped the walk (then `top` is partial).
            return levels == maxLevel + 1
        }
        return finished
    }
}
