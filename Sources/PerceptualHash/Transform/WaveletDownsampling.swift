/// One level of a 1-D discrete wavelet decomposition with one filter, computed with exactly
/// the floating-point operations of PyWavelets' `downsampling_convolution` (step 2, signal
/// extension mode `'symmetric'`).
///
/// For an input of `n` samples and a filter `f` of `F` taps there are `(n + F - 1) / 2`
/// outputs. Output `o` is centred on `i = 2o + 1` and is the sum of `f[t] * x[i - t]` over the
/// taps `t`, where positions outside `0 ..< n` read the half-sample symmetric extension
/// (`x[-1] = x[0]`, `x[-2] = x[1]`, ..., `x[n] = x[n - 1]`, ...; period `2n`). The sum starts
/// at `0.0` and adds the products one by one in PyWavelets' order: taps `0, 1, ..., F - 1`
/// when `i < n`; otherwise first the taps reaching past the right end, `i - n` down to `0`,
/// then `i - n + 1` up to `F - 1`. The order matters: a different one changes the last bit of
/// some outputs, and that can flip a hash bit next to the median.
///
/// The plan (tap coefficients and source positions per output) is made once per input length
/// and filter, then applied to any number of rows or columns.
struct WaveletDownsampling: Sendable {
    /// `n`, the number of input samples.
    let inputCount: Int
    /// `(n + F - 1) / 2`.
    let outputCount: Int
    /// Output `o` uses the entries `tapStart[o] ..< tapStart[o + 1]` of the two arrays below.
    let tapStart: [Int]
    /// The coefficient `f[t]` of each product, in summation order.
    let coefficients: [Double]
    /// The input index `x` of each product (already reflected into `0 ..< n`).
    let sources: [Int]

    /// The plan for `inputCount` samples and `filter`.
    ///
    /// - Precondition: `inputCount >= 1`, `filter` not empty.
    init(inputCount n: Int, filter: [Double]) {
        precondition(n >= 1 && !filter.isEmpty, "wavelet downsampling needs samples and taps")
        let taps = filter.count
        inputCount = n
        outputCount = (n + taps - 1) / 2
        var start = [0], coefficients: [Double] = [], sources: [Int] = []
        coefficients.reserveCapacity(outputCount * taps)
        sources.reserveCapacity(outputCount * taps)
        func reflected(_ p: Int) -> Int {
            let m = ((p % (2 * n)) + 2 * n) % (2 * n)
            return m < n ? m : 2 * n - 1 - m
        }
        for o in 0..<outputCount {
            let i = 2 * o + 1
            func add(_ t: Int) {
                coefficients.append(filter[t])
                sources.append(reflected(i - t))
            }
            if i < n {
                for t in 0..<taps { add(t) }
            } else {
                for t in stride(from: i - n, through: 0, by: -1) { add(t) }
                for t in (i - n + 1)..<taps { add(t) }
            }
            start.append(coefficients.count)
        }
        tapStart = start
        self.coefficients = coefficients
        self.sources = sources
    }

    /// Transforms the `inputCount` contiguous samples at `input` into `outputCount` samples at
    /// `output`.
    func apply(_ input: UnsafePointer<Double>, to output: UnsafeMutablePointer<Double>) {
        tapStart.withUnsafeBufferPointer { start in
            coefficients.withUnsafeBufferPointer { c in
                sources.withUnsafeBufferPointer { s in
                    for o in 0..<outputCount {
                        var sum = 0.0
                        for k in start[o]..<start[o + 1] { sum += c[k] * input[s[k]] }
                        output[o] = sum
                    }
                }
            }
        }
    }

    /// Transforms every column of a row-major `inputCount x columns` plane at once: output row
    /// `o` of the `outputCount x columns` result is the same sum as ``apply(_:to:)`` with whole
    /// input rows in place of samples (each column gets the same operations in the same order).
    func applyToColumns(_ input: UnsafePointer<Double>, columns: Int, to output: UnsafeMutablePointer<Double>) {
        tapStart.withUnsafeBufferPointer { start in
            coefficients.withUnsafeBufferPointer { c in
                sources.withUnsafeBufferPointer { s in
                    for o in 0..<outputCount {
                        let out = output + o * columns
                        out.update(repeating: 0, count: columns)
                        for k in start[o]..<start[o + 1] {
                            let f = c[k]
                            let row = input + s[k] * columns
                            for x in 0..<columns { out[x] += f * row[x] }
                        }
                    }
                }
            }
        }
    }
}
