import Foundation
import PerceptualHash

@inline(never)
func dctBlackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// `phash-bench dct [iterations]`: microseconds per 2-D DCT (median of 7 runs after a
/// warm-up): full 32 x 32, the 8 x 8 corner of a 32 x 32 plane (phash), the 16 x 16 corner
/// of a 64 x 64 plane (PDQ-sized), and a full 64 x 64, in Double and Float, plus plan
/// construction. Results go to the buffer-pointer entry points (no result allocation).
func runDCTBenchmark(arguments: [String]) {
    let iterations = arguments.first.flatMap { Int($0) } ?? 20_000
    var rng = SystemRandomNumberGenerator()
    func plane(_ n: Int) -> [Double] { (0..<n * n).map { _ in Double(Int.random(in: 0...255, using: &rng)) } }
    let p32 = plane(32), p64 = plane(64)
    let f32 = p32.map { Float($0) }, f64 = p64.map { Float($0) }
    let plan32 = DCT2D(rows: 32, columns: 32), plan64 = DCT2D(rows: 64, columns: 64)

    func measure(_ name: String, count: Int = iterations, _ body: () -> Void) {
        let clock = ContinuousClock()
        for _ in 0..<max(1, count / 10) { body() }
        var runs: [Double] = []
        for _ in 0..<7 {
            let t = clock.measure { for _ in 0..<count { body() } }
            let seconds = Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18
            runs.append(seconds * 1e6 / Double(count))
        }
        runs.sort()
        let median = runs[3]
        let formatted = (median * 1000).rounded() / 1000
        print(name + String(repeating: " ", count: max(1, 40 - name.count)) + "\(formatted) us")
    }

    func run<T: DCTScalar>(
        _ name: String, _ plan: DCT2D, _ input: [T], _ k: Int, _ l: Int, count: Int = iterations
    ) {
        var out = [T](repeating: 0, count: k * l)
        measure(name, count: count) {
            var span = out.mutableSpan
            plan.forwardTopLeft(input.span, into: &span, rows: k, columns: l)
            dctBlackHole(span[0])
        }
    }
    print("DCT (microseconds per call, median of 7 runs, \(iterations) calls each)")
    run("Double 32x32 full", plan32, p32, 32, 32)
    run("Double 32x32 -> 8x8 corner", plan32, p32, 8, 8)
    run("Double 64x64 -> 16x16 corner", plan64, p64, 16, 16, count: iterations / 4)
    run("Double 64x64 full", plan64, p64, 64, 64, count: iterations / 4)
    let scipy32 = DCT2D(rows: 32, columns: 32, algorithm: .scipyFFTPack)
    let scipy64 = DCT2D(rows: 64, columns: 64, algorithm: .scipyFFTPack)
    run("Double 32x32 full, scipyFFTPack", scipy32, p32, 32, 32)
    run("Double 32x32 -> 8x8, scipyFFTPack", scipy32, p32, 8, 8)
    run("Double 64x64 -> 16x16, scipyFFTPack", scipy64, p64, 16, 16, count: iterations / 4)
    run("Float 32x32 full", plan32, f32, 32, 32)
    run("Float 32x32 -> 8x8 corner", plan32, f32, 8, 8)
    run("Float 64x64 -> 16x16 corner", plan64, f64, 16, 16, count: iterations / 4)
    run("Float 64x64 full", plan64, f64, 64, 64, count: iterations / 4)
    measure("Double 32x32 full, array API", { dctBlackHole(plan32.forward(p32)) })
    measure("Double 32x32 inverse, array API", { dctBlackHole(plan32.inverse(p32)) })
    let one = DCT(count: 32)
    let v32 = Array(p32[0..<32])
    measure("Double 1-D N=32, array API", { dctBlackHole(one.forward(v32)) })
    measure(
        "DCT2D(rows: 32, columns: 32) plan", count: max(1, iterations / 100),
        { dctBlackHole(DCT2D(rows: 32, columns: 32)) })
}
