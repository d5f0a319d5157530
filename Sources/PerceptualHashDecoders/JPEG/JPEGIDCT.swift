/// libjpeg-turbo's accurate integer inverse DCT ("islow", `jidctint.c`): the Loeffler-Ligtenberg-
/// Moschytz algorithm with 13-bit fixed-point constants, columns first with 2 extra bits of
/// precision, then rows, descaled by 2^18 with rounding and clamped to 0...255 after adding 128.
///
/// The clamp is the saturation of libjpeg-turbo's SIMD code (which Pillow's builds use); the
/// portable C code wraps instead through its range-limit table, which differs only for
/// values beyond +-384 that no encoder produces. Likewise the dequantized coefficient is kept
/// to 16 bits as the SIMD code's multiply does.
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
        @inline(__always) func dq(_ i: Int) -> Int32 {
            Int32(Int16(truncatingIfNeeded: Int32(coefficients[i]) &* quant[i]))
        }
        // Pass 1: columns, results scaled up by 2^2 (PASS1_BITS).
        for c in 0..<8 {
            if coefficients[8 + c] == 0 && coefficients[16 + c] == 0 && coefficients[24 + c] == 0
                && coefficients[32 + c] == 0 && coefficients[40 + c] == 0 && coefficients[48 + c] == 0
                && coefficients[56 + c] == 0
            {
                let dc = dq(c) &<< 2
                for r in 0..<8 { ws[r * 8 + c] = dc }
                continue
            }
            var z2 = dq(16 + c)
            var z3 = dq(48 + c)
            var z1 = (z2 &+ z3) &* fix0_541196100
            var tmp2 = z1 &+ z3 &* -fix1_847759065
            var tmp3 = z1 &+ z2 &* fix0_765366865
            z2 = dq(c)
            z3 = dq(32 + c)
            var tmp0 = (z2 &+ z3) &<< 13
            var tmp1 = (z2 &- z3) &<< 13
            let tmp10 = tmp0 &+ tmp3
            let tmp13 = tmp0 &- tmp3
            let tmp11 = tmp1 &+ tmp2
            let tmp12 = tmp1 &- tmp2

            tmp0 = dq(56 + c)
            tmp1 = dq(40 + c)
            tmp2 = dq(24 + c)
            tmp3 = dq(8 + c)
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

            @inline(__always) func pass1(_ v: Int32) -> Int32 {
                let d = (v &+ (1 << 10)) >> 11
                return min(max(d, -32768), 32767)
            }
            ws[c] = pass1(tmp10 &+ tmp3)
            ws[56 + c] = pass1(tmp10 &- tmp3)
            ws[8 + c] = pass1(tmp11 &+ tmp2)
            ws[48 + c] = pass1(tmp11 &- tmp2)
            ws[16 + c] = pass1(tmp12 &+ tmp1)
            ws[40 + c] = pass1(tmp12 &- tmp1)
            ws[24 + c] = pass1(tmp13 &+ tmp0)
            ws[32 + c] = pass1(tmp13 &- tmp0)
        }
        // Pass 2: rows, descaled by 2^(13 + 2 + 3), plus 128, clamped.
        @inline(__always) func out(_ v: Int32) -> UInt8 {
            let d = (v &+ (1 << 17)) >> 18
            return UInt8(truncatingIfNeeded: min(max(d, -128), 127) &+ 128)
        }
        for r in 0..<8 {
            let w = ws + r * 8
            let o = output + r * stride
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
