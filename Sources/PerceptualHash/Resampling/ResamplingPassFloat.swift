/// The one-dimensional `Float` passes: `Double` weights, `Double` sums in tap order, `Float`
/// results (Pillow's arithmetic for mode `"F"` images).
enum ResamplingPassFloat {
    /// The horizontal pass: row `r` of the output is source row `rowStart + r`
    /// (`srcRowCount` samples per source row); output `i` reads source columns
    /// `axis.first[i] - columnOffset ..<` that plus `axis.counts[i]`.
    static func horizontal(
        src: UnsafeBufferPointer<Float>, srcRowCount: Int, rowStart: Int, rowCount: Int,
        columnOffset: Int, axis: ResamplingAxis, dst: UnsafeMutableBufferPointer<Float>
    ) {
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        let outW = axis.outputCount
        let stride = axis.stride
        axis.first.withUnsafeBufferPointer { first in
            axis.counts.withUnsafeBufferPointer { counts in
                axis.weights.withUnsafeBufferPointer { k in
                    for r in 0..<rowCount {
                        let row = s + (rowStart &+ r) &* srcRowCount
                        let out = d + r &* outW
                        for i in 0..<outW {
                            let p = row + (first[i] &- columnOffset)
                            let w = k.baseAddress! + i &* stride
                            var acc = 0.0
                            for j in 0..<counts[i] { acc += Double(p[j]) * w[j] }
                            out[i] = Float(acc)
                        }
                    }
                }
            }
        }
    }

    /// The vertical pass over columns `columnStart ..< columnStart + columnCount`: output row `i`
    /// reads source rows `axis.first[i] - rowOffset ..<` that plus `axis.counts[i]` and is
    /// written at `i * columnCount`.
    static func vertical(
        src: UnsafeBufferPointer<Float>, srcRowCount: Int, rowOffset: Int, columnStart: Int,
        columnCount: Int, axis: ResamplingAxis, dst: UnsafeMutableBufferPointer<Float>
    ) {
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        let stride = axis.stride
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: max(columnCount, 1))
        defer { acc.deallocate() }
        axis.first.withUnsafeBufferPointer { first in
            axis.counts.withUnsafeBufferPointer { counts in
                axis.weights.withUnsafeBufferPointer { k in
                    for i in 0..<axis.outputCount {
                        acc.update(repeating: 0, count: columnCount)
                        for j in 0..<counts[i] {
                            let w = k[i &* stride &+ j]
                            let rowIndex: Int = first[i] &- rowOffset &+ j
                            let row = s + (rowIndex &* srcRowCount &+ columnStart)
                            for x in 0..<columnCount { acc[x] += Double(row[x]) * w }
                        }
                        let out = d + i &* columnCount
                        for x in 0..<columnCount { out[x] = Float(acc[x]) }
                    }
                }
            }
        }
    }
}
