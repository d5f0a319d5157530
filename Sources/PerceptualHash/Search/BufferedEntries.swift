/// The update scheme of the indexes that are built in bulk and cannot take an entry in place
/// (multi-index hashing, the VP-tree), and the removal marks of the BK-tree: the entries the
/// structure was built from, an unsorted insert buffer that every query scans, and marks on
/// the built entries that were removed.
///
/// The rules live here once: the insert buffer is merged by a rebuild once it holds more than
/// `max(256, 4·sqrt(live built entries))` entries; a removal takes an entry out of the buffer
/// at once and marks it among the built entries, and asks for a rebuild once more than a
/// given fraction of them is marked.
struct BufferedEntries: Sendable {
    /// The entries the structure was built from, in the structure's order.
    var main: FingerprintStorage
    /// Entries inserted since the last build, in insertion order.
    var pending: FingerprintStorage
    /// The positions in ``main`` whose entries were removed.
    var removed: Bitset

    /// `main` as built, with an empty buffer and no marks.
    init(built main: FingerprintStorage) {
        self.main = main
        pending = FingerprintStorage(bitCount: main.bitCount)
        removed = Bitset(count: main.count)
    }

    var bitCount: Int { main.bitCount }
    /// The number of live entries: built and not removed, plus buffered.
    var count: Int { main.count - removed.setCount + pending.count }
    /// Heap bytes of the entries, the buffer and the marks.
    var byteCount: Int { main.byteCount + pending.byteCount + removed.byteCount }
    /// Whether any built entry is marked removed.
    var anyRemoved: Bool { removed.setCount > 0 }
    /// The marks when there are any, else nil (what the scan kernels take).
    var removedMarks: Bitset? { removed.setCount > 0 ? removed : nil }

    /// Buffers the entry; returns whether the structure should now be rebuilt.
    mutating func insert(_ fingerprint: Fingerprint, id: UInt32) -> Bool {
        pending.append(fingerprint, id: id)
        let live = main.count - removed.setCount
        return pending.count > max(256, 4 * Int(Double(live).squareRoot()))
    }

    /// Appends the entry to the built entries (for a structure that links it in place),
    /// growing the marks to cover it.
    mutating func appendBuilt(_ fingerprint: Fingerprint, id: UInt32) {
        main.append(fingerprint, id: id)
        let i = main.count - 1
        if removed.bits.count * 64 <= i {
            var grown = Bitset(count: max(64, 2 * i))
            for r in 0..<i where removed.contains(r) { grown.insert(r) }
            removed = grown
        }
    }

    /// Removes every entry with `id`: from the buffer at once, from the built entries by a
    /// mark. Returns how many were removed, and whether more than `1 / rebuildDenominator` of
    /// the built entries are now marked (the structure should be rebuilt).
    mutating func remove(id: UInt32, rebuildDenominator: Int) -> (count: Int, rebuild: Bool) {
        var n = pending.removeAll(id: id)
        for i in 0..<main.count where main.ids[i] == id && !removed.contains(i) {
            removed.insert(i)
            n += 1
        }
        return (n, removed.setCount > 0 && removed.setCount * rebuildDenominator > main.count)
    }

    /// Every live entry: the built entries in order, then the buffer.
    func live() -> FingerprintStorage {
        var out = FingerprintStorage(bitCount: bitCount)
        out.reserveCapacity(count)
        for i in 0..<main.count where !removed.contains(i) { out.append(from: main, at: i) }
        for i in 0..<pending.count { out.append(from: pending, at: i) }
        return out
    }
}
