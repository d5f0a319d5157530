/// The five scanline filters of PNG (filter method 0), undone in place.
///
/// With `x` the byte being restored, `a` the byte `distance` bytes to its left in the same
/// row (0 before the row starts), `b` the byte above (0 in a pass's first row) and `c` the
/// byte left of `b`, filter 0 is none, 1 adds `a`, 2 adds `b`, 3 adds `(a + b) >> 1`, 4 adds
/// the Paeth predictor of `a`, `b`, `c`; all additions mod 256.
enum PNGFilter {
    /// Restores `row` (`count` bytes) whose filter type is `type`, given the restored row
    /// above (`previous`, all zeros for a pass's first row). Returns false for a type above 4.
    @inline(__always)
    static func unfilter(
        _ type: UInt8, row x: UnsafeMutablePointer<UInt8>, previous b: UnsafePointer<UInt8>, count: Int,
        distance bpp: Int
    ) -> Bool {
        switch type {
        case 0:
            return true
        case 1:
            var i = bpp
            while i < count {
                x[i] &+= x[i &- bpp]
                i &+= 1
            }
        case 2:
            for i in 0..<count { x[i] &+= b[i] }
        case 3:
            for i in 0..<min(bpp, count) { x[i] &+= b[i] >> 1 }
            var i = bpp
            while i < count {
                x[i] &+= UInt8(truncatingIfNeeded: (UInt16(x[i &- bpp]) &+ UInt16(b[i])) >> 1)
                i &+= 1
            }
        case 4:
            for i in 0..<min(bpp, count) { x[i] &+= b[i] }  // a = c = 0: the predictor is b
            switch bpp {
            case 1: paeth(x, b, count: count, bpp: 1)
            case 3: paethPixels(x, b, count: count, bpp: 3)
            case 4: paethPixels(x, b, count: count, bpp: 4)
            default: paeth(x, b, count: count, bpp: bpp)
            }
        default:
            return false
        }
        return true
    }

    /// The Paeth filter from byte `bpp` on for 3- and 4-byte pixels, one pixel's channels
    /// as the lanes of a `SIMD4<Int16>` with branch-free selects (the scalar loop branches
    /// unpredictably on photographs). Same results as ``paeth(_:_:count:bpp:)``: the
    /// predictor is `a` when `pa <= pb` and `pa <= pc`, else `b` when `pb <= pc`, else `c`.
    @inline(__always)
    static func paethPixels(_ x: UnsafeMutablePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int, bpp: Int) {
        @inline(__always) func load(_ p: UnsafePointer<UInt8>) -> SIMD4<Int16> {
            SIMD4(Int16(p[0]), Int16(p[1]), Int16(p[2]), bpp == 4 ? Int16(p[3]) : 0)
        }
        var a = load(UnsafePointer(x)), c = load(b)
        var i = bpp
        while i &+ bpp <= count {
            let up = load(b + i)
            let pa0 = up &- c, pb0 = a &- c, pc0 = pa0 &+ pb0
            let pa = pa0.replacing(with: 0 &- pa0, where: pa0 .< 0)
            let pb = pb0.replacing(with: 0 &- pb0, where: pb0 .< 0)
            let pc = pc0.replacing(with: 0 &- pc0, where: pc0 .< 0)
            var predictor = c
            predictor.replace(with: up, where: pb .<= pc)
            predictor.replace(with: a, where: (pa .<= pb) .& (pa .<= pc))
            let out = (load(UnsafePointer(x + i)) &+ predictor) & 0xFF
            x[i] = UInt8(truncatingIfNeeded: out[0])
            x[i &+ 1] = UInt8(truncatingIfNeeded: out[1])
            x[i &+ 2] = UInt8(truncatingIfNeeded: out[2])
            if bpp == 4 { x[i &+ 3] = UInt8(truncatingIfNeeded: out[3]) }
            a = out
            c = up
            i &+= bpp
        }
    }

    /// The Paeth filter from byte `bpp` on (`bpp` constant after inlining).
    @inline(__always)
    static func paeth(_ x: UnsafeMutablePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int, bpp: Int) {
        var i = bpp
        while i < count {
            let a = Int(x[i &- bpp]), up = Int(b[i]), c = Int(b[i &- bpp])
            let pa = abs(up &- c), pb = abs(a &- c), pc = abs(a &+ up &- c &- c)
            let predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? up : c)
            x[i] &+= UInt8(truncatingIfNeeded: predictor)
            i &+= 1
        }
    }
}
