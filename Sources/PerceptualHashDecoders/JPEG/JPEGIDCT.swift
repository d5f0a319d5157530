/// libjpeg-turbo's accurate integer inverse DCT ("islow", `jidctint.c`): the Loeffler-Ligtenberg-
/// Moschytz algorithm with 13-bit fixed-point constants, columns first with 2 extra bits of
/// precision, then rows, descaled by 2^18 with rounding and clamped to 0...255 after adding 128.
///
/// The final clamp is the saturation of libjpeg-turbo's SIMD code (which Pillow's builds use);
/// the portable C code wraps instead through its range-limit table, which differs only for
/// values beyond +-384 that no encoder produces. Likewise the dequantized coefficient is kept
/// to 16 bits as the SIMD code's multiply does. (The SIMD code also saturates the first pass
/// to 16 bits, which this code does not: that too matters only for such coefficients.)
enum JPEGIDCT {
    // The 13-bit fixed-point constants: round(x * 2^13).
    static let fix0_298631336: Int32 = 2446
    static let fix0_390180644: Int32 = 3196
    static let fix0_541196100: Int32 = 4433
    static let fix0_765366865: Int32 = 6270
    static let fix0_899976223: Int32 = 7373
    static let fix1_175875602: Int32 = 9633
    static let fix1_501321110: Int32 = 12299
    static let fix1_847759065: Int32 = 15137
    static let fix1_961570560: Int32 = 16069
    static let fix2_053119869: Int32 = 16819
    static let fix2_562915447: Int32 = 20995
    static let fix3_072711026: Int32 = 25172

    /// The block whose AC coefficients are all zero: every sample is what ``transform(_:quant:workspace:output:stride:)``
    /// gives for it, `clamp(((dc * q0) << 2 + 16) >> 5 + 128)`.
    @inline(__always)
    static func fillDCOnly(_ dc: Int16, quant: UnsafePointer<Int32>, output: UnsafeMutablePointer<UInt8>, stride: Int) {
        let d = Int32(Int16(truncatingIfNeeded: Int32(dc) &* quant[0])) &<< 2
        let v = UInt8(truncatingIfNeeded: min(max((d &+ 16) >> 5, -128), 127) &+ 128)
        for r in 0..<8 { (output + r * stride).update(repeating: v, count: 8) }
    }

    /// Transforms one block of 64 coefficients (natural order) with the quantization table
    /// `quant` (natural order) into 8 x 8 samples at `output`, rows `stride` bytes apart.
    /// `workspace` holds 64 values.
    @inline(__always)
    static func transform(
        _ coefficients: UnsafePointer<Int16>, quant: UnsafePointer<Int32>,
        workspace ws: UnsafeMutablePointer<Int32>, output: UnsafeMutablePointer<UInt8>, stride: Int
    ) {
        // Pass 1: columns, results scaled up by 2^2 (PASS1_BITS). The eight columns run as the
        // lanes of row vectors (the same arithmetic per lane as the column-by-column code).
        typealias V = SIMD8<Int32>
        let q32 = UnsafeRawPointer(quant)
        @inline(__always) func dqRow(_ r: Int) -> V {
            let p = coefficients + r * 8
            let c = V(
                Int32(p[0]), Int32(p[1]), Int32(p[2]), Int32(p[3]), Int32(p[4]), Int32(p[5]), Int32(p[6]),
                Int32(p[7]))
            let q = q32.loadUnaligned(fromByteOffset: r * 32, as: V.self)
            // The product's low 16 bits, sign-extended: Int16(truncatingIfNeeded:).
            return ((c &* q) &<< 16) &>> 16
        }
        do {
            var z2 = dqRow(2)
            var z3 = dqRow(6)
            var z1 = (z2 &+ z3) &* fix0_541196100
            var tmp2 = z1 &+ z3 &* -fix1_847759065
            var tmp3 = z1 &+ z2 &* fix0_765366865
            z2 = dqRow(0)
            z3 = dqRow(4)
            var tmp0 = (z2 &+ z3) &<< 13
            var tmp1 = (z2 &- z3) &<< 13
            let tmp10 = tmp0 &+ tmp3
            let tmp13 = tmp0 &- tmp3
            let tmp11 = tmp1 &+ tmp2
            let tmp12 = tmp1 &- tmp2

            tmp0 = dqRow(7)
            tmp1 = dqRow(5)
            tmp2 = dqRow(3)
            tmp3 = dqRow(1)
            z1 = tmp0 &+ tmp3
            z2 = tmp1 &+ tmp2
            z3 = tmp0 &+ tmp2
            var z4 = tmp1 &+ tmp3
            let z5 = (z3 &+ z4) &* fix1_175875602
            tmp0 = tmp0 &* fix0_298631336
            tmp1 = tmp1 &* fix2_053119869
            tmp2 = tmp2 &* fix3_072711026
            tmp3 = tmp3 &* fix1_501321110
            z1 = z1 &* -fix0_899976223
            z2 = z2 &* -fix2_562915447
            z3 = z3 &* -fix1_961570560 &+ z5
            z4 = z4 &* -fix0_390180644 &+ z5
            tmp0 = tmp0 &+ z1 &+ z3
            tmp1 = tmp1 &+ z2 &+ z4
            tmp2 = tmp2 &+ z2 &+ z3
            tmp3 = tmp3 &+ z1 &+ z4

            let w = UnsafeMutableRawPointer(ws)
            @inline(__always) func store(_ r: Int, _ v: V) {
                w.storeBytes(of: (v &+ 1024) &>> 11, toByteOffset: r * 32, as: V.self)
            }
            store(0, tmp10 &+ tmp3)
            store(7, tmp10 &- tmp3)
            store(1, tmp11 &+ tmp2)
            store(6, tmp11 &- tmp2)
            store(2, tmp12 &+ tmp1)
            store(5, tmp12 &- tmp1)
            store(3, tmp13 &+ tmp0)
            store(4, tmp13 &- tmp0)
        }
        // Pass 2: rows, descaled by 2^(13 + 2 + 3), plus 128, clamped.
        @inline(__always) func out(_ v: Int32) -> UInt8 {
            let d = (v &+ (1 << 17)) >> 18
            return UInt8(truncatingIfNeeded: min(max(d, -128), 127) &+ 128)
        }
        for r in 0..<8 {
            let w = ws + r * 8
            let o = output + r * stride
            if w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0 {
                // libjpeg's zero-row shortcut: the same value as the full computation.
                o.update(repeating: out(w[0] &<< 13), count: 8)
                continue
            }
            var z2 = w[2]
            var z3 = w[6]
            var z1 = (z2 &+ z3) &* fix0_541196100
            var tmp2 = z1 &+ z3 &* -fix1_847759065
            var tmp3 = z1 &+ z2 &* fix0_765366865
            z2 = w[0]
            z3 = w[4]
            var tmp0 = (z2 &+ z3) &<< 13
            var tmp1 = (z2 &- z3) &<< 13
            let tmp10 = tmp0 &+ tmp3
            let tmp13 = tmp0 &- tmp3
            let tmp11 = tmp1 &+ tmp2
            let tmp12 = tmp1 &- tmp2

            tmp0 = w[7]
            tmp1 = w[5]
            tmp2 = w[3]
            tmp3 = w[1]
            z1 = tmp0 &+ tmp3
            z2 = tmp1 &+ tmp2
            z3 = tmp0 &+ tmp2
            var z4 = tmp1 &+ tmp3
            let z5 = (z3 &+ z4) &* fix1_175875602
            tmp0 = tmp0 &* fix0_298631336
            tmp1 = tmp1 &* fix2_053119869
            tmp2 = tmp2 &* fix3_072711026
            tmp3 = tmp3 &* fix1_501321110
            z1 = z1 &* -fix0_899976223
            z2 = z2 &* -fix2_562915447
            z3 = z3 &* -fix1_961570560 &+ z5
            z4 = z4 &* -fix0_390180644 &+ z5
            tmp0 = tmp0 &+ z1 &+ z3
            tmp1 = tmp1 &+ z2 &+ z4
            tmp2 = tmp2 &+ z2 &+ z3
            tmp3 = tmp3 &+ z1 &+ z4

            o[0] = out(tmp10 &+ tmp3)
            o[7] = out(tmp10 &- tmp3)
            o[1] = out(tmp11 &+ tmp2)
            o[6] = out(tmp11 &- tmp2)
            o[2] = out(tmp12 &+ tmp1)
            o[5] = out(tmp12 &- tmp1)
            o[3] = out(tmp13 &+ tmp0)
            o[4] = out(tmp13 &- tmp0)
        }
    }
}
