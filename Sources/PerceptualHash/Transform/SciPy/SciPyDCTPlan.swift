/// The plan behind ``DCTAlgorithm/scipyFFTPack``: SciPy 1.17's unnormalized DCT-II
/// (`scipy.fftpack.dct(x, type=2)`, pocketfft's `T_dcst23` with `type == 2`) with the same
/// floating-point operations in the same order, so that results are bit-identical.
///
/// ## Algorithm (pocketfft's, described in our words)
///
/// For a length-`N` input `c`:
/// 1. **Pre-processing** (turns the input into a half-complex spectrum): `c[0] *= 2`; for
///    even `N` also `c[N-1] *= 2`; then for odd `k = 1, 3, ... < N-1`, with `t = c[k+1]`:
///    `c[k+1] = t - c[k]`, `c[k] = t + c[k]`.
/// 2. **Real backward FFT** (FFTPACK's `rfftb` structure): `N` is factored as pocketfft does
///    (fours first, a single two moved to the front, then odd factors in increasing order);
///    passes run in factor order with `l1 = 1, f0, f0 f1, ...` and `ido = N / (l1 * f)`,
///    radix 2, 3, 4 and 5 by dedicated kernels and any other (prime) factor by the generic
///    kernel, alternating between the input and a scratch buffer. Twiddles for pass `k` are
///    the roots `w(j * l1 * i)` of ``UnitRootTable`` of length `N`; the generic kernel also
///    uses `w(i * N / f)`.
/// 3. **Post-twiddle** with `t[i] = Re w_{4N}(i + 1) = cos(pi (i+1) / (2N))`: for
///    `k = 1 ..< (N+1)/2`, `kc = N - k`:
///    `a = t[k-1] c[kc] + t[kc-1] c[k]`, `b = t[k-1] c[k] - t[kc-1] c[kc]`,
///    `c[k] = 0.5 (a + b)`, `c[kc] = 0.5 (a - b)`; for even `N`, `c[N/2] *= t[N/2 - 1]`.
///
/// SciPy applies no further scaling for `norm=None` (its factor is `1` and is skipped).
///
/// Every operation is a separately rounded `+`, `-` or `*` (pocketfft's x86-64 builds have no
/// fused multiply-adds), and `x * w` equals `w * x` bitwise, so the kernels below are
/// generic over ``DCTLane``: a SIMD vector carries independent transforms whose lanes each
/// get the scalar result, as pocketfft's own vectorized multi-axis loop does.
struct SciPyDCTPlan: Sendable {
    /// The transform length `N >= 1`.
    let count: Int
    /// The radices, in pass order.
    let factors: [Int]
    /// Start of each pass's twiddles in `twiddles`: `(f - 1) * (ido - 1)` values, pairs
    /// `(re, im)` of `w(j * l1 * i)` at `(j - 1) * (ido - 1) + 2i - 2`.
    let twiddleOffsets: [Int]
    /// Start of the generic kernel's `2 * f` root values for passes with `f > 5`, else `-1`.
    let rootOffsets: [Int]
    /// All pass twiddles, flat.
    let twiddles: [Double]
    /// `cos(pi (i + 1) / (2N))` for `i < N`, rounded as pocketfft rounds them.
    let postTwiddles: [Double]

    init(count n: Int) {
        precondition(n >= 1, "SciPyDCTPlan: count \(n) must be at least 1")
        precondition(
            !Self.usesBluestein(n),
            "DCTAlgorithm.scipyFFTPack: pocketfft uses Bluestein's algorithm for length \(n), which is not reproduced")
        count = n
        let quarter = UnitRootTable(count: 4 * n)
        postTwiddles = (0..<n).map { quarter[$0 + 1].re }
        factors = n == 1 ? [] : Self.factorize(n)
        var twiddles: [Double] = []
        var twiddleOffsets: [Int] = []
        var rootOffsets: [Int] = []
        if n > 1 {
            let roots = UnitRootTable(count: n)
            var l1 = 1
            for (k, f) in factors.enumerated() {
                let ido = n / (l1 * f)
                twiddleOffsets.append(twiddles.count)
                var pass = [Double](repeating: 0, count: (f - 1) * (ido - 1))
                if k < factors.count - 1 {
                    for j in 1..<f {
                        for i in stride(from: 1, through: (ido - 1) / 2, by: 1) {
                            let w = roots[j * l1 * i]
                            pass[(j - 1) * (ido - 1) + 2 * i - 2] = w.re
                            pass[(j - 1) * (ido - 1) + 2 * i - 1] = w.im
                        }
                    }
                }
                twiddles += pass
                if f > 5 {
                    rootOffsets.append(twiddles.count)
                    var general = [Double](repeating: 0, count: 2 * f)
                    general[0] = 1
                    var i = 2, ic = 2 * f - 2
                    while i <= ic {
                        let w = roots[i / 2 * (n / f)]
                        general[i] = w.re
                        general[i + 1] = w.im
                        general[ic] = w.re
                        general[ic + 1] = -w.im
                        i += 2
                        ic -= 2
                    }
                    twiddles += general
                } else {
                    rootOffsets.append(-1)
                }
                l1 *= f
            }
        }
        self.twiddles = twiddles
        self.twiddleOffsets = twiddleOffsets
        self.rootOffsets = rootOffsets
    }

    // MARK: - Plan shape (pocketfft's choices)

    /// pocketfft's factorization for real FFTs: all fours, one two (moved to the front),
    /// then odd factors from 3 upwards, then any remaining prime.
    static func factorize(_ n: Int) -> [Int] {
        var length = n
        var result: [Int] = []
        while length % 4 == 0 {
            result.append(4)
            length /= 4
        }
        if length % 2 == 0 {
            length /= 2
            result.append(2)
            result.swapAt(0, result.count - 1)
        }
        var divisor = 3
        while divisor * divisor <= length {
            while length % divisor == 0 {
                result.append(divisor)
                length /= divisor
            }
            divisor += 2
        }
        if length > 1 { result.append(length) }
        return result
    }

    /// Whether pocketfft's `pocketfft_r` picks Bluestein's algorithm for length `n` (its cost
    /// model: only for `n >= 50` whose largest prime factor `p` has `p * p > n`, when
    /// `1.5 * 2 * cost(good_size(2n - 1)) < 0.5 * cost(n)`).
    static func usesBluestein(_ n: Int) -> Bool {
        if n < 50 { return false }
        let p = largestPrimeFactor(n)
        if p * p <= n { return false }
        let direct = 0.5 * costGuess(n)
        let bluestein = 2 * costGuess(goodComplexSize(2 * n - 1)) * 1.5
        return bluestein < direct
    }

    static func largestPrimeFactor(_ n: Int) -> Int {
        var n = n
        var result = 1
        while n % 2 == 0 {
            result = 2
            n /= 2
        }
        var x = 3
        while x * x <= n {
            while n % x == 0 {
                result = x
                n /= x
            }
            x += 2
        }
        return n > 1 ? n : result
    }

    /// pocketfft's `cost_guess`: the sum of the prime factors (those above 5 weighted 1.1)
    /// times `n`.
    static func costGuess(_ n: Int) -> Double {
        var n = n
        let original = Double(n)
        var result = 0.0
        while n % 2 == 0 {
            result += 2
            n /= 2
        }
        var x = 3
        while x * x <= n {
            while n % x == 0 {
                result += x <= 5 ? Double(x) : 1.1 * Double(x)
                n /= x
            }
            x += 2
        }
        if n > 1 { result += n <= 5 ? Double(n) : 1.1 * Double(n) }
        return result * original
    }

    /// The smallest `2^a 3^b 5^c 7^d 11^e >= n` (pocketfft's `good_size_cmplx`).
    static func goodComplexSize(_ n: Int) -> Int {
        if n <= 12 { return n }
        var best = 2 * n
        var f11 = 1
        while f11 < best {
            var f117 = f11
            while f117 < best {
                var f1175 = f117
                while f1175 < best {
                    var x = f1175
                    while x < n { x *= 2 }
                    while true {
                        if x < n {
                            x *= 3
                        } else if x > n {
                            if x < best { best = x }
                            if x & 1 == 1 { break }
                            x >>= 1
                        } else {
                            return n
                        }
                    }
                    f1175 *= 5
                }
                f117 *= 7
            }
            f11 *= 11
        }
        return best
    }
}

// MARK: - Transform

extension SciPyDCTPlan {
    /// The unnormalized DCT-II of `c[0 ..< count]`, in place. `scratch` holds `count` values.
    @inline(__always)
    func forward<V: DCTLane>(_ c: UnsafeMutablePointer<V>, scratch: UnsafeMutablePointer<V>)
    where V.Element == Double {
        let n = count
        c[0] = c[0] * 2
        if n & 1 == 0 { c[n - 1] = c[n - 1] * 2 }
        var k = 1
        while k < n - 1 {
            let t = c[k + 1]
            c[k + 1] = t - c[k]
            c[k] = t + c[k]
            k += 2
        }
        if n > 1 {
            twiddles.withUnsafeBufferPointer { tw in
                backwardFFT(c, scratch: scratch, twiddles: tw.baseAddress!)
            }
        }
        postTwiddles.withUnsafeBufferPointer { tb in
            let t = tb.baseAddress!
            let half = (n + 1) / 2
            var k = 1
            while k < half {
                let kc = n - k
                let a = c[kc] * t[k - 1] + c[k] * t[kc - 1]
                let b = c[k] * t[k - 1] - c[kc] * t[kc - 1]
                c[k] = (a + b) * 0.5
                c[kc] = (a - b) * 0.5
                k += 1
            }
            if n & 1 == 0 { c[half] = c[half] * t[half - 1] }
        }
    }

    /// The real backward FFT of the half-complex `c` (length `count > 1`), result in `c`.
    @inline(__always)
    func backwardFFT<V: DCTLane>(
        _ c: UnsafeMutablePointer<V>, scratch: UnsafeMutablePointer<V>, twiddles tw: UnsafePointer<Double>
    ) where V.Element == Double {
        let n = count
        var p1 = c, p2 = scratch
        var l1 = 1
        for k in 0..<factors.count {
            let f = factors[k]
            let ido = n / (f * l1)
            let wa = tw + twiddleOffsets[k]
            switch f {
            case 4: Self.radix4(ido, l1, p1, p2, wa)
            case 2: Self.radix2(ido, l1, p1, p2, wa)
            case 3: Self.radix3(ido, l1, p1, p2, wa)
            case 5: Self.radix5(ido, l1, p1, p2, wa)
            default: Self.radixGeneric(ido, f, l1, p1, p2, wa, tw + rootOffsets[k])
            }
            swap(&p1, &p2)
            l1 *= f
        }
        if p1 != c {
            for i in 0..<n { c[i] = p1[i] }
        }
    }
}
