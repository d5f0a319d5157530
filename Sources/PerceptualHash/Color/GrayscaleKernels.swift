/// The pixel loops of the grayscale conversions.
///
/// Each loop has a constant stride and a formula fixed at compile time, and works in
/// `UInt16`, which lets LLVM vectorise it (8 or 16 lanes, the channels de-interleaved by
/// shuffles) even on baseline x86-64 (SSE2, which lacks a 32-bit vector multiply).
/// Every 16-bit form below never exceeds 65,535 and equals the `UInt32` formula of
/// ``GrayscaleConversion/gray(red:green:blue:)`` for every (R, G, B); the tests check that.
enum GrayscaleKernels {
    /// Dispatches once on conversion and stride (3 or 4), then runs one tight loop.
    static func convert(
        _ conversion: GrayscaleConversion, _ src: UnsafePointer<UInt8>, stride: Int,
        into dst: UnsafeMutablePointer<UInt8>, count: Int
    ) {
        if stride == 3 {
            convert(conversion, src, constantStride: 3, into: dst, count: count)
        } else {
            convert(conversion, src, constantStride: 4, into: dst, count: count)
        }
    }

    @inline(__always)
    private static func convert(
        _ conversion: GrayscaleConversion, _ src: UnsafePointer<UInt8>, constantStride stride: Int,
        into dst: UnsafeMutablePointer<UInt8>, count: Int
    ) {
        switch conversion {
        case .rec601:
            // 19595 = 76 * 256 + 139, 38470 = 150 * 256 + 70, 7471 = 29 * 256 + 47, so the
            // 32-bit sum S = 19595 R + 38470 G + 7471 B + 32768 is 256 H + L + 128 * 256 with
            // H = 76 R + 150 G + 29 B <= 65025 and L = 139 R + 70 G + 47 B <= 65280. Then
            // S >> 16 = (H + (L >> 8) + 128) >> 8, whose sum is at most 65408.
            map(src, stride: stride, into: dst, count: count) { r, g, b in
                let h = 76 &* r &+ 150 &* g &+ 29 &* b
                let l = 139 &* r &+ 70 &* g &+ 47 &* b
                return (h &+ (l >> 8) &+ 128) >> 8
            }
        case .float:
            map(src, stride: stride, into: dst, count: count) { r, g, b in
                (30 &* r &+ 59 &* g &+ 11 &* b &+ 50) / 100  // <= 25550
            }
        case .integer:
            map(src, stride: stride, into: dst, count: count) { r, g, b in
                (30 &* r &+ 59 &* g &+ 11 &* b) / 100  // <= 25500
            }
        case .shift:
            map(src, stride: stride, into: dst, count: count) { r, g, b in
                (76 &* r &+ 151 &* g &+ 28 &* b) >> 8  // <= 65025
            }
        case .average:
            map(src, stride: stride, into: dst, count: count) { r, g, b in
                (r &+ g &+ b) / 3  // <= 765
            }
        case .greenOnly:
            for i in 0..<count { dst[i] = src[i &* stride &+ 1] }
        }
    }

    @inline(__always)
    private static func map(
        _ src: UnsafePointer<UInt8>, stride: Int, into dst: UnsafeMutablePointer<UInt8>,
        count: Int, _ formula: (UInt16, UInt16, UInt16) -> UInt16
    ) {
        for i in 0..<count {
            let s = i &* stride
            dst[i] = UInt8(
                truncatingIfNeeded: formula(UInt16(src[s]), UInt16(src[s &+ 1]), UInt16(src[s &+ 2])))
        }
    }

    /// `dst[i] = src[2 i]`: the gray samples of gray+alpha pixels.
    static func everyOther(_ src: UnsafePointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>, count: Int) {
        for i in 0..<count { dst[i] = src[2 &* i] }
    }

    /// `dst[i] = Float(src[i * stride])`.
    static func widenGray(_ src: UnsafePointer<UInt8>, stride: Int, into dst: UnsafeMutablePointer<Float>, count: Int) {
        if stride == 1 {
            for i in 0..<count { dst[i] = Float(src[i]) }
        } else {
            for i in 0..<count { dst[i] = Float(src[i &* 2]) }
        }
    }

    /// `dst[i] = Double(src[i * stride])`.
    static func widenGray(_ src: UnsafePointer<UInt8>, stride: Int, into dst: UnsafeMutablePointer<Double>, count: Int)
    {
        if stride == 1 {
            for i in 0..<count { dst[i] = Double(src[i]) }
        } else {
            for i in 0..<count { dst[i] = Double(src[i &* 2]) }
        }
    }

    /// `dst[i] = Float(30 R + 59 G + 11 B) / 100`.
    static func floatWeights(
        _ src: UnsafePointer<UInt8>, stride: Int, into dst: UnsafeMutablePointer<Float>, count: Int
    ) {
        @inline(__always) func run(_ stride: Int) {
            for i in 0..<count {
                let s = i &* stride
                let sum = 30 &* Int32(src[s]) &+ 59 &* Int32(src[s &+ 1]) &+ 11 &* Int32(src[s &+ 2])
                dst[i] = Float(sum) / 100
            }
        }
        if stride == 3 { run(3) } else { run(4) }
    }

    /// `dst[i] = Double(30 R + 59 G + 11 B) / 100`.
    static func floatWeights(
        _ src: UnsafePointer<UInt8>, stride: Int, into dst: UnsafeMutablePointer<Double>, count: Int
    ) {
        @inline(__always) func run(_ stride: Int) {
            for i in 0..<count {
                let s = i &* stride
                let sum = 30 &* Int32(src[s]) &+ 59 &* Int32(src[s &+ 1]) &+ 11 &* Int32(src[s &+ 2])
                dst[i] = Double(sum) / 100
            }
        }
        if stride == 3 { run(3) } else { run(4) }
    }
}
