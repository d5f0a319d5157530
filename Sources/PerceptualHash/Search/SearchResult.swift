/// One match returned by a ``HammingIndex`` query: the caller's id and the Hamming distance
/// between the query and the stored fingerprint.
///
/// Results order by `(distance, id)`: nearer first, equal distances by ascending id. Every
/// query of every index returns its results in this order, so two indexes holding the same
/// entries return identical arrays.
///
/// ```swift
/// let hits = index.neighbors(of: query, within: 8)
/// for hit in hits { print(hit.id, hit.distance) }   // nearest first
/// ```
public struct SearchResult: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The id given to ``HammingIndex/insert(_:id:)`` or to the bulk initializer.
    public var id: UInt32
    /// The Hamming distance to the query, `0 ... bitCount`.
    public var distance: Int

    /// A result with the given id and distance.
    @inlinable
    public init(id: UInt32, distance: Int) {
        self.id = id
        self.distance = distance
    }

    /// `(distance, id)` lexicographic order.
    @inlinable
    public static func < (a: SearchResult, b: SearchResult) -> Bool {
        a.distance != b.distance ? a.distance < b.distance : a.id < b.id
    }

    /// `"id@distance"`, for example `"42@3"`.
    public var description: String { "\(id)@\(distance)" }
}

/// A result packed into one integer, `distance << 32 | id`, so that integer order is
/// `(distance, id)` order. Used in the hot loops and sorts.
@usableFromInline
typealias PackedResult = UInt64

extension SearchResult {
    @inline(__always)
    static func pack(distance: Int, id: UInt32) -> PackedResult {
        UInt64(truncatingIfNeeded: distance) << 32 | UInt64(id)
    }

    @inline(__always)
    init(packed: PackedResult) {
        self.init(id: UInt32(truncatingIfNeeded: packed), distance: Int(packed >> 32))
    }

    /// Sorts packed results and unpacks them.
    static func sortedResults(_ packed: inout [PackedResult]) -> [SearchResult] {
        packed.sort()
        return packed.map(SearchResult.init(packed:))
    }
}

/// The `k` smallest packed results seen so far: a binary max-heap of at most `k` keys.
struct TopK {
    let k: Int
    private(set) var heap: [PackedResult] = []

    init(k: Int) {
        self.k = k
        heap.reserveCapacity(Swift.min(k, 1 << 16))
    }

    /// True when `k` results are held.
    var isFull: Bool { heap.count >= k }

    /// The largest distance that can still enter: `Int.max` until full, then the distance of
    /// the worst held result (a result at that distance enters if its id is smaller).
    var threshold: Int { heap.count < k ? Int.max : Int(heap[0] >> 32) }

    /// Offers a result; keeps it if it is among the `k` smallest.
    @inline(__always)
    mutating func offer(_ key: PackedResult) {
        if heap.count < k {
            heap.append(key)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) >> 1
                if heap[p] >= heap[i] { break }
                heap.swapAt(p, i)
                i = p
            }
        } else if key < heap[0] {
            heap[0] = key
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                var c = l
                if l + 1 < n, heap[l + 1] > heap[l] { c = l + 1 }
                if heap[c] <= heap[i] { break }
                heap.swapAt(c, i)
                i = c
            }
        }
    }

    /// The held results in `(distance, id)` order.
    func results() -> [SearchResult] {
        var h = heap
        return SearchResult.sortedResults(&h)
    }
}
