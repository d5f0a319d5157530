import Testing
@testable import PerceptualHash

/// The scalar and `SIMD` twins of the integer resampling kernels (``KernelChoice``) against
/// each other and against a plain `Int64` sum, in whichever configuration the tests are built:
/// both twins are compiled in debug and release, so each run checks both.
///
/// Lengths run over every multiple of 8 up to 72, which reaches the 16-tap loop of
/// ``NarrowSplitWeights/dotVector(_:_:_:)`` with and without its 8-tap remainder, and pixel
/// counts 0...41 reach the 8-pixel loop of ``ResamplingPass8/splitRGBVector(_:count:into:planeStride:)``
/// with every scalar tail length.
@Suite struct KernelChoiceTests {
    static let lengths = Array(stride(from: 0, through: 72, by: 8))

    /// Samples as the kernels see them: pixels 0...255, and weights anywhere in `Int16`
    /// (the extremes included), so that the wrapping sums do wrap for the longest rows.
    static func vectors(_ n: Int, seed: UInt64) -> (p: [Int16], a: [Int16], b: [Int16]) {
        var rng = SplitMix64(seed: seed)
        let edge: [Int16] = [.min, .max, -1, 0, 1]
        func weight() -> Int16 {
            rng.next() % 8 == 0 ? edge[Int(rng.next() % 5)] : Int16(truncatingIfNeeded: rng.next())
        }
        let p = (0..<n).map { _ in Int16(rng.next() % 256) }
        let a = (0..<n).map { _ in weight() }
        let b = (0..<n).map { _ in weight() }
        return (p, a, b)
    }

    /// The plain wrapping sum `sum(p[j] * w[j])`, computed in `Int64` and truncated.
    static func reference(_ p: [Int16], _ w: [Int16]) -> Int32 {
        Int32(truncatingIfNeeded: zip(p, w).reduce(Int64(0)) { $0 &+ Int64($1.0) &* Int64($1.1) })
    }

    @Test(arguments: lengths)
    func dotTwinsAgree(length n: Int) {
        for seed in UInt64(1)...8 {
            let (p, a, _) = Self.vectors(n, seed: seed &* 1000 &+ UInt64(n))
            let want = Self.reference(p, a)
            p.withUnsafeBufferPointer { p in
                a.withUnsafeBufferPointer { a in
                    let pp = p.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    let ap = a.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    #expect(NarrowSplitWeights.dotScalar(pp, ap, n) == want, "n \(n) seed \(seed)")
                    #expect(NarrowSplitWeights.dotVector(pp, ap, n) == want, "n \(n) seed \(seed)")
                }
            }
        }
    }

    @Test(arguments: lengths)
    func dot2TwinsAgree(length n: Int) {
        for seed in UInt64(1)...8 {
            let (p, a, b) = Self.vectors(n, seed: seed &* 2000 &+ UInt64(n))
            let want = (Self.reference(p, a), Self.reference(p, b))
            p.withUnsafeBufferPointer { p in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        let pp = p.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        let ap = a.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        let bp = b.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        let s = NarrowSplitWeights.dot2Scalar(pp, ap, bp, n)
                        let v = NarrowSplitWeights.dot2Vector(pp, ap, bp, n)
                        #expect(s == want, "n \(n) seed \(seed)")
                        #expect(v == want, "n \(n) seed \(seed)")
                    }
                }
            }
        }
    }

    /// Three planes `planeStride` apart (with a gap between them), with and without the
    /// second weight vector.
    @Test(arguments: lengths)
    func dot3TwinsAgree(length n: Int) {
        for seed in UInt64(1)...8 {
            let stride = n + 8
            var rng = SplitMix64(seed: seed &* 3000 &+ UInt64(n))
            let planes = (0..<3 * stride).map { _ in Int16(rng.next() % 256) }
            let (_, a, b) = Self.vectors(n, seed: seed &* 4000 &+ UInt64(n))
            let rows = (0..<3).map { Array(planes[$0 * stride..<$0 * stride + n]) }
            let wantA = (Self.reference(rows[0], a), Self.reference(rows[1], a), Self.reference(rows[2], a))
            let wantB = (Self.reference(rows[0], b), Self.reference(rows[1], b), Self.reference(rows[2], b))
            planes.withUnsafeBufferPointer { p in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        let pp = p.baseAddress!
                        let ap = a.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        let bp = b.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        for twin in [NarrowSplitWeights.dot3Scalar, NarrowSplitWeights.dot3Vector] {
                            let one = twin(pp, stride, ap, nil, n)
                            #expect(one.0 == wantA, "n \(n) seed \(seed)")
                            #expect(one.1 == (0, 0, 0), "n \(n) seed \(seed)")
                            let two = twin(pp, stride, ap, bp, n)
                            #expect(two.0 == wantA, "n \(n) seed \(seed)")
                            #expect(two.1 == wantB, "n \(n) seed \(seed)")
                        }
                    }
                }
            }
        }
    }

    /// Rows of 0...41 RGB pixels, split by both twins into planes that start filled with a
    /// sentinel: every pixel lands in its plane, and nothing past `count` is written.
    @Test(arguments: 0...41)
    func splitRGBTwinsAgree(count: Int) {
        var rng = SplitMix64(seed: 5000 &+ UInt64(count))
        // Exactly the row's bytes (one for an empty row, which needs an address), so that an
        // over-read shows under AddressSanitizer.
        let row = (0..<max(3 * count, 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let stride = count + 5
        let want: [Int16] = (0..<3).flatMap { c in
            (0..<stride).map { x in x < count ? Int16(row[3 * x + c]) : -7 }
        }
        for vector in [false, true] {
            var planes = [Int16](repeating: -7, count: 3 * stride)
            row.withUnsafeBufferPointer { r in
                planes.withUnsafeMutableBufferPointer { out in
                    if vector {
                        ResamplingPass8.splitRGBVector(
                            r.baseAddress!, count: count, into: out.baseAddress!, planeStride: stride)
                    } else {
                        ResamplingPass8.splitRGBScalar(
                            r.baseAddress!, from: 0, count: count, into: out.baseAddress!, planeStride: stride)
                    }
                }
            }
            #expect(planes == want, "count \(count), vector \(vector)")
        }
    }

    /// The configuration picks the twin it documents.
    @Test func choiceFollowsTheBuild() {
        #if DEBUG
            #expect(!KernelChoice.vector)
        #else
            #expect(KernelChoice.vector)
        #endif
    }
}
