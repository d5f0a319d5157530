/// Order statistics by selection (expected linear time) for the robust layer's medians.
enum Selection {
    /// The `k`-th smallest (0-based) of `values` (reordered in place), by Hoare's selection with
    /// a median-of-three pivot.
    ///
    /// - Precondition: `0 <= k < values.count`, no NaN.
    static func kthSmallest<T: Comparable>(_ values: UnsafeMutableBufferPointer<T>, _ k: Int) -> T {
        precondition(k >= 0 && k < values.count)
        var low = 0, high = values.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            // Median of three as the pivot value.
            var a = values[low], b = values[mid], c = values[high]
            if a > b { swap(&a, &b) }
            if b > c { swap(&b, &c) }
            if a > b { swap(&a, &b) }
            let pivot = b
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[low...j] <= pivot <= values[i...high], and values[j+1..<i] == pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return pivot
            }
        }
        return values[k]
    }

    /// The median of `values` as `numpy.median` gives it: the middle value for an odd count,
    /// the mean `(a + b) / 2` of the two middle values for an even one; `values` is reordered.
    ///
    /// - Precondition: `values` is not empty, no NaN.
    static func median(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = values.count
        let upper = kthSmallest(values, n / 2)
        if n % 2 == 1 { return upper }
        // After selecting index n / 2, every value before it is <= it: the largest of them is
        // the (n / 2 - 1)-th smallest.
        var lower = values[0]
        for i in 1..<(n / 2) where values[i] > lower { lower = values[i] }
        return (lower + upper) / 2
    }
}
