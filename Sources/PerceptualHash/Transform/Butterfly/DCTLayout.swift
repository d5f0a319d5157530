/// The shape of a length-`N` DCT plan and the kernels that run it.
///
/// ## Algorithm
///
/// Write `N = 2^a * M` with `M` odd, and `C(k, n) = 2 cos(pi k (2n + 1) / (2L))` for the
/// current length `L`. Pairing `x[n]` with `x[L-1-n]` (`C(k, L-1-n) = (-1)^k C(k, n)`):
///
/// - odd `k = 2j + 1`: `y[k] = sum_{n < L/2} d[n] C(k, n)`, `d[n] = x[n] - x[L-1-n]`
///   (a dense `L/2 x L/2` table, summed in order of `n`);
/// - even `k = 2j`: `y[k]` is the length-`L/2` DCT-II of `s[n] = x[n] + x[L-1-n]`, computed by
///   the same step while the length stays even (`a` levels).
///
/// At the odd base length `M = 2h + 1` (middle sample `m = x[h]`):
///
/// - `y[0] = 2 * sum_n x[n]`;
/// - odd `k`: as above with `h x h` table entries `C(k, n)`;
/// - even `k = 2j >= 2`: `y[k] = sum_{n < h} (s[n] - 2m) C(k, n)`, which equals the definition
///   because `sum_{n < h} C(2j, n) = -(-1)^j`, i.e. the middle sample's cosine is replaced by
///   the others. This keeps the base free of a special middle term.
///
/// ## Exact zeros
///
/// With these sums, coefficients that vanish by symmetry are computed as sums of products
/// with exact zeros: a mirror-symmetric input (`x[n] == x[N-1-n]`) has `d == 0` exactly, so
/// every odd `k` is `±0.0`; a constant input has `d == 0` at every level and `s[n] - 2m == 0`
/// at the base, so every `k >= 1` is `±0.0`; an antisymmetric input gives `±0.0` at even `k`.
///
/// ## Cost
///
/// About `N^2 / 3` multiply-adds (`N^2/4 + N^2/16 + ...` for the odd parts), tables of the
/// same size, built once. For the first `K` outputs only, the odd parts compute only the
/// rows with `k < K` (the butterflies still run, to reach `y[0]`).
struct DCTLayout: Sendable, Hashable {
    /// The transform length `N >= 1`.
    let count: Int
    /// The number of halvings `a` (`N = 2^a * baseCount`).
    let levels: Int
    /// The odd base length `M`.
    let baseCount: Int
    /// Offset in the table of level `i`'s odd matrix (`h x h`, `h = (N >> i) / 2`), row-major
    /// `[j][n]` for output `k = 2^i (2j + 1)`.
    let levelOffsets: [Int]
    /// Offset of the base's odd matrix (`hb x hb`, `hb = (M - 1) / 2`).
    let baseOddOffset: Int
    /// Offset of the base's even matrix (`hb x hb`), row `j - 1` for output `k = 2^a * 2j`.
    let baseEvenOffset: Int
    /// Total table length.
    let tableCount: Int

    init(count: Int) {
        precondition(count >= 1, "DCT: count \(count) must be at least 1")
        self.count = count
        var levels = 0
        var length = count
        var offsets: [Int] = []
        var offset = 0
        while length % 2 == 0 {
            offsets.append(offset)
            offset += (length / 2) * (length / 2)
            length /= 2
            levels += 1
        }
        self.levels = levels
        baseCount = length
        levelOffsets = offsets
        let hb = (length - 1) / 2
        baseOddOffset = offset
        baseEvenOffset = offset + hb * hb
        tableCount = offset + 2 * hb * hb
    }

    /// `2 cos(pi k (2n + 1) / (2N))` tables, in the layout described above.
    func makeTable() -> [Double] {
        var table = [Double](repeating: 0, count: tableCount)
        for level in 0..<levels {
            let length = count >> level
            let h = length / 2
            for j in 0..<h {
                for n in 0..<h {
                    table[levelOffsets[level] + j * h + n] =
                        2 * CosinePi.value((2 * j + 1) * (2 * n + 1), over: 2 * length)
                }
            }
        }
        let m = baseCount
        let hb = (m - 1) / 2
        for j in 0..<hb {
            for n in 0..<hb {
                table[baseOddOffset + j * hb + n] =
                    2 * CosinePi.value((2 * j + 1) * (2 * n + 1), over: 2 * m)
                table[baseEvenOffset + j * hb + n] =
                    2 * CosinePi.value(2 * (j + 1) * (2 * n + 1), over: 2 * m)
            }
        }
        return table
    }

    /// How many outputs `k = start + j * step` (`j >= 0`) are below `limit`, capped at `cap`.
    @inline(__always)
    static func wanted(start: Int, step: Int, limit: Int, cap: Int) -> Int {
        limit > start ? Swift.min(cap, (limit - start - 1) / step + 1) : 0
    }

    // MARK: - Forward (DCT-II, unnormalized)

    /// The unnormalized DCT-II of `work[0..<count]` into `out[k]` for `k < outputCount`.
    ///
    /// `work` is overwritten; `scratch` needs `count` values. Writes no other `out` index.
    @inline(__always)
    func forward<V: DCTLane>(
        _ work: UnsafeMutablePointer<V>, into out: UnsafeMutablePointer<V>, outputCount: Int,
        scratch: UnsafeMutablePointer<V>, table: UnsafePointer<V.Element>
    ) {
        var length = count
        var stride = 1
        for level in 0..<levels {
            let h = length >> 1
            let rows = Self.wanted(start: stride, step: 2 * stride, limit: outputCount, cap: h)
            if rows > 0 {
                for n in 0..<h { scratch[n] = work[n] - work[length - 1 - n] }
                Self.multiply(
                    rows: rows, columns: h, table: table + levelOffsets[level], vector: scratch,
                    into: out, first: stride, step: 2 * stride)
            }
            for n in 0..<h { work[n] = work[n] + work[length - 1 - n] }
            length = h
            stride &<<= 1
        }
        // Odd base length `length`.
        if length == 1 {
            out[0] = work[0] + work[0]
            return
        }
        let hb = (length - 1) / 2
        var sum = work[0]
        for n in 1..<length { sum = sum + work[n] }
        out[0] = sum + sum
        let oddRows = Self.wanted(start: stride, step: 2 * stride, limit: outputCount, cap: hb)
        if oddRows > 0 {
            for n in 0..<hb { scratch[n] = work[n] - work[length - 1 - n] }
            Self.multiply(
                rows: oddRows, columns: hb, table: table + baseOddOffset, vector: scratch,
                into: out, first: stride, step: 2 * stride)
        }
        let evenRows = Self.wanted(start: 2 * stride, step: 2 * stride, limit: outputCount, cap: hb)
        if evenRows > 0 {
            let middle2 = work[hb] + work[hb]
            for n in 0..<hb { scratch[n] = (work[n] + work[length - 1 - n]) - middle2 }
            Self.multiply(
                rows: evenRows, columns: hb, table: table + baseEvenOffset, vector: scratch,
                into: out, first: 2 * stride, step: 2 * stride)
        }
    }

    /// `out[first + j * step] = sum_{n < columns} vector[n] * table[j * columns + n]` for
    /// `j < rows`, each sum accumulated in order of `n` (four rows at a time for throughput;
    /// the order within a sum does not change).
    @inline(__always)
    static func multiply<V: DCTLane>(
        rows: Int, columns h: Int, table: UnsafePointer<V.Element>, vector x: UnsafePointer<V>,
        into out: UnsafeMutablePointer<V>, first: Int, step: Int
    ) {
        var j = 0
        while j + 4 <= rows {
            let t0 = table + j * h
            let t1 = t0 + h
            let t2 = t1 + h
            let t3 = t2 + h
            let x0 = x[0]
            var a0 = x0 * t0[0]
            var a1 = x0 * t1[0]
            var a2 = x0 * t2[0]
            var a3 = x0 * t3[0]
            var n = 1
            while n < h {
                let v = x[n]
                a0 = a0 + v * t0[n]
                a1 = a1 + v * t1[n]
                a2 = a2 + v * t2[n]
                a3 = a3 + v * t3[n]
                n += 1
            }
            out[first + j * step] = a0
            out[first + (j + 1) * step] = a1
            out[first + (j + 2) * step] = a2
            out[first + (j + 3) * step] = a3
            j += 4
        }
        while j < rows {
            let t0 = table + j * h
            var a0 = x[0] * t0[0]
            var n = 1
            while n < h {
                a0 = a0 + x[n] * t0[n]
                n += 1
            }
            out[first + j * step] = a0
            j += 1
        }
    }

    // MARK: - Inverse (transpose of the forward matrix)

    /// `x = C^T y` where `C` is the unnormalized DCT-II matrix (`2 cos(...)` entries):
    /// `x[n] = sum_k y[k] * 2 cos(pi k (2n + 1) / (2N))`, for `y = input[0..<count]`.
    ///
    /// `scratch` needs `3 * count` values. `input` is only read; `x` must not overlap it.
    @inline(__always)
    func transpose<V: DCTLane>(
        _ y: UnsafePointer<V>, into x: UnsafeMutablePointer<V>,
        scratch: UnsafeMutablePointer<V>, table: UnsafePointer<V.Element>
    ) {
        let regionA = scratch
        let regionB = scratch + count
        let u = scratch + 2 * count
        @inline(__always) func target(_ level: Int) -> UnsafeMutablePointer<V> {
            level == 0 ? x : (level & 1 == 1 ? regionA : regionB)
        }
        // Base, odd length M at stride S.
        let m = baseCount
        let s = 1 << levels
        let base = target(levels)
        if m == 1 {
            base[0] = y[0] + y[0]
        } else {
            let hb = (m - 1) / 2
            let v = u + hb
            Self.transposeMultiply(
                rows: hb, columns: hb, table: table + baseOddOffset, y: y, first: s, step: 2 * s,
                into: u)
            Self.transposeMultiply(
                rows: hb, columns: hb, table: table + baseEvenOffset, y: y, first: 2 * s,
                step: 2 * s, into: v)
            let two = y[0] + y[0]
            var sumV = v[0]
            for n in 1..<hb { sumV = sumV + v[n] }
            for n in 0..<hb {
                let e = two + v[n]
                base[n] = e + u[n]
                base[m - 1 - n] = e - u[n]
            }
            base[hb] = two - (sumV + sumV)
        }
        var level = levels - 1
        while level >= 0 {
            let length = count >> level
            let h = length / 2
            let stride = 1 << level
            let e = target(level + 1)
            let t = target(level)
            Self.transposeMultiply(
                rows: h, columns: h, table: table + levelOffsets[level], y: y, first: stride,
                step: 2 * stride, into: u)
            for n in 0..<h {
                let en = e[n]
                let un = u[n]
                t[n] = en + un
                t[length - 1 - n] = en - un
            }
            level -= 1
        }
    }

    /// `out[n] = sum_{j < rows} y[first + j * step] * table[j * columns + n]` for
    /// `n < columns`, each accumulated in order of `j`.
    @inline(__always)
    static func transposeMultiply<V: DCTLane>(
        rows: Int, columns h: Int, table: UnsafePointer<V.Element>, y: UnsafePointer<V>,
        first: Int, step: Int, into out: UnsafeMutablePointer<V>
    ) {
        let y0 = y[first]
        for n in 0..<h { out[n] = y0 * table[n] }
        var j = 1
        while j < rows {
            let yj = y[first + j * step]
            let t = table + j * h
            for n in 0..<h { out[n] = out[n] + yj * t[n] }
            j += 1
        }
    }
}
