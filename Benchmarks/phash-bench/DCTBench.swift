import PerceptualHash

@inline(never) func blackHoleDCT(_ x: [Double]) -> Double { x[0] + x[x.count - 1] }

/// `phash-bench dct`: microseconds per 32x32 forward DCT, top-left 8x8 block (phash's
/// transform) and full, for both ``DCTAlgorithm`` cases. Median of 7 runs after a warm-up.
func runDCTBenchmark(arguments: [String]) {
    var rng = SystemRandomNumberGenerator()
    let plane = (0..<1024).map { _ in Double(UInt8.random(in: 0...255, using: &rng)) }
    let iterations = 20_000
    for algorithm in DCTAlgorithm.allCases {
        let plan = DCT2D(rows: 32, columns: 32, algorithm: algorithm)
        for (label, k) in [("8x8 block", 8), ("full", 32)] {
            var sink = 0.0
            for _ in 0..<1000 { sink += blackHoleDCT(plan.forwardTopLeft(plane, rows: k, columns: k)) }
            var samples: [Double] = []
            for _ in 0..<7 {
                let clock = ContinuousClock()
                let elapsed = clock.measure {
                    for _ in 0..<iterations { sink += blackHoleDCT(plan.forwardTopLeft(plane, rows: k, columns: k)) }
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                samples.append(seconds / Double(iterations) * 1e6)
            }
            samples.sort()
            let median = samples[samples.count / 2]
            print("dct 32x32 \(algorithm) \(label): \(median) us (sink \(sink.isFinite))")
        }
    }
}
