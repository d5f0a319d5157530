/// NumPy's summation order for `float64`, reproduced so that means match `numpy` bit for bit.
///
/// NumPy 2.x adds a contiguous run of `n` values with pairwise summation: for `n < 8` a plain
/// loop from `0.0`; for `n <= 128` eight running sums `r[j] += x[i + j]` over whole blocks of
/// eight, combined as `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the remaining
/// `n % 8` values added in order; above 128 the run is split at `n2 = n / 2` rounded down to a
/// multiple of 8 and the two halves' sums are added.
enum NumPySum {
    /// The pairwise sum of `x[0 ..< n]` as NumPy's `add.reduce` inner loop computes it.
    static func pairwise(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        if n < 8 {
            var s = 0.0
            for i in 0..<n { s += x[i] }
            return s
        }
        if n <= 128 {
            var r = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
            var i = 8
            while i < n - n % 8 {
                r.0 += x[i]; r.1 += x[i + 1]; r.2 += x[i + 2]; r.3 += x[i + 3]
                r.4 += x[i + 4]; r.5 += x[i + 5]; r.6 += x[i + 6]; r.7 += x[i + 7]
                i += 8
            }
            var s = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n {
                s += x[i]
                i += 1
            }
            return s
        }
        var half = n / 2
        half -= half % 8
        return pairwise(x, half) + pairwise(x + half, n - half)
    }

    /// `a.mean()` of a row-major `rows x columns` block that NumPy sees as a non-contiguous
    /// slice (for example `dct[:N, 1:N+1]`): NumPy copies whole rows into its 8192-element
    /// iteration buffer, sums each buffer pairwise, adds the buffer sums in order starting
    /// from `0.0`, and divides by `rows * columns`. (Checked bitwise against NumPy 2.4 for
    /// blocks from 2x2 to 120x120.)
    static func meanOfSlice(_ block: UnsafePointer<Double>, rows: Int, columns: Int) -> Double {
        let rowsPerBuffer = Swift.max(1, 8192 / columns)
        var total = 0.0
        var r = 0
        while r < rows {
            let count = Swift.min(rowsPerBuffer, rows - r)
            total += pairwise(block + r * columns, count * columns)
            r += count
        }
        return total / Double(rows * columns)
    }
}
