/// The bulk build: table 0 orders the entries themselves (counting sort on its buckets), then
/// the layout of the plan builds tables `1 ..< m`.
extension MultiIndexHashIndex {
    /// Builds every table from `storage` and empties the insert buffer and the marks.
    mutating func build(from storage: FingerprintStorage) {
        let n = storage.count
        let b = storage.bitCount
        let m = requestedSubstringCount ?? Self.automaticSubstringCount(bitCount: b, count: n)
        let plan = Self.plan(bitCount: b, count: n, substringCount: m, tuning: tuning)
        let inline = !plan.inline.isEmpty
        tables = plan.tables
        var dirs = [UInt32](repeating: 0, count: plan.directoryCount)
        let w = storage.wordCount

        // Table 0 orders the entries themselves.
        let t0 = plan.tables[0]
        var keys = storage.words.withUnsafeBufferPointer { p in
            (0..<n).map { i in UInt32(truncatingIfNeeded: Self.key(p, i * w, t0.start, t0.keyBits)) }
        }
        let order = Self.countingSort(keys: keys, table: t0, directory: &dirs)
        let main: FingerprintStorage
        if w == 1 {
            var words = [UInt64](repeating: 0, count: n)
            var ids = [UInt32](repeating: 0, count: n)
            storage.words.withUnsafeBufferPointer { src in
                storage.ids.withUnsafeBufferPointer { srcIDs in
                    words.withUnsafeMutableBufferPointer { words in
                        ids.withUnsafeMutableBufferPointer { ids in
                            for (slot, i) in order.enumerated() {
                                words[slot] = src[Int(i)]
                                ids[slot] = srcIDs[Int(i)]
                            }
                            // Inline: each bucket sorted by (fingerprint, id), so the entries
                            // of one fingerprint are found by binary search.
                            if inline {
                                for k in 0..<(1 << t0.bucketBits) {
                                    Self.sortBucket(words, ids, Int(dirs[k]), Int(dirs[k + 1]))
                                }
                            }
                        }
                    }
                }
            }
            main = FingerprintStorage(bitCount: b, words: words, ids: ids)
        } else {
            var sorted = FingerprintStorage(bitCount: b)
            sorted.reserveCapacity(n)
            for i in order { sorted.append(from: storage, at: Int(i)) }
            main = sorted
        }
        store = BufferedEntries(built: main)
        if inline {
            layout = .inline(InlineTables(plan: plan, main: main, keys: &keys, directory: &dirs))
        } else {
            layout = .permutation(
                PermutationTables(plan: plan, main: main, tableZeroKeys: keys, order: order, directory: &dirs))
        }
        directories = dirs
    }

    /// Rebuilds from the live entries (merging the insert buffer, dropping the removed).
    mutating func rebuild() {
        build(from: store.live())
    }

    /// Positions sorted by bucket (stable); writes the bucket offsets of `table`.
    static func countingSort(keys: [UInt32], table: Table, directory: inout [UInt32]) -> [UInt32] {
        let buckets = 1 << table.bucketBits
        let base = table.directoryBase
        let shift = UInt32(table.tagBits)
        for k in keys { directory[base + Int(k >> shift) + 1] += 1 }
        for i in 0..<buckets { directory[base + i + 1] += directory[base + i] }
        var cursor = Array(directory[base..<(base + buckets)])
        var out = [UInt32](repeating: 0, count: keys.count)
        for (i, k) in keys.enumerated() {
            let bucket = Int(k >> shift)
            out[Int(cursor[bucket])] = UInt32(i)
            cursor[bucket] += 1
        }
        return out
    }

    /// Sorts the entries `lo ..< hi` of `words` and `ids` by `(word, id)`.
    private static func sortBucket(
        _ words: UnsafeMutableBufferPointer<UInt64>, _ ids: UnsafeMutableBufferPointer<UInt32>, _ lo: Int, _ hi: Int
    ) {
        if hi - lo > 32 {
            var pairs = (lo..<hi).map { (words[$0], ids[$0]) }
            pairs.sort { $0 < $1 }
            for (k, p) in pairs.enumerated() {
                words[lo + k] = p.0
                ids[lo + k] = p.1
            }
            return
        }
        var i = lo + 1
        while i < hi {
            let v = (words[i], ids[i])
            var k = i
            while k > lo, (words[k - 1], ids[k - 1]) > v {
                words[k] = words[k - 1]
                ids[k] = ids[k - 1]
                k -= 1
            }
            words[k] = v.0
            ids[k] = v.1
            i += 1
        }
    }
}
