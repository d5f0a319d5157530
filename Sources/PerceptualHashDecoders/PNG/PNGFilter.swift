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
            case 3: paeth(x, b, count: count, bpp: 3)
            case 4: paeth(x, b, count: count, bpp: 4)
            default: paeth(x, b, count: count, bpp: bpp)
            }
        default:
            return false
        }
        return true
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
