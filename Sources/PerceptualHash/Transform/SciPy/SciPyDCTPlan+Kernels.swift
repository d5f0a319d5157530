/// The backward real-FFT passes of ``SciPyDCTPlan``: FFTPACK's `radb2`, `radb3`, `radb4`,
/// `radb5` and `radbg` data layout, with the operation order of pocketfft (SciPy 1.17).
///
/// Layout: a pass of radix `f` reads `cc` as `[k][j][i]` (`k < l1`, `j < f`, `i < ido`,
/// half-complex within each `ido` block) and writes `ch` as `[j][k][i]`. Twiddles `wa` are
/// `(re, im)` pairs, `wa[i + x * (ido - 1)]` for the multiplier of output block `x + 1`.
/// A twiddle product `(wr + i wi) * (dr + i di)` is computed as
/// `re = wr * dr - wi * di`, `im = wr * di + wi * dr`, each term rounded separately.
extension SciPyDCTPlan {
    // Constants as pocketfft spells them (the long-double literals round to these doubles).
    static let sinPiOver3 = 0.8660254037844386467637231707529362  // sin(pi/3)
    static let squareRootOf2 = 1.414213562373095048801688724209698
    static let cos2PiOver5 = 0.3090169943749474241022934171828191
    static let sin2PiOver5 = 0.9510565162951535721164393333793821
    static let cos4PiOver5 = -0.8090169943749474241022934171828191
    static let sin4PiOver5 = 0.5877852522924731291687059546390728

    @inline(__always)
    static func radix2<V: DCTLane>(
        _ ido: Int, _ l1: Int, _ cc: UnsafeMutablePointer<V>, _ ch: UnsafeMutablePointer<V>,
        _ wa: UnsafePointer<Double>
    ) where V.Element == Double {
        @inline(__always) func input(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + 2 * c) }
        @inline(__always) func output(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + l1 * c) }
        for k in 0..<l1 {
            let x = cc[input(0, 0, k)], y = cc[input(ido - 1, 1, k)]
            ch[output(0, k, 0)] = x + y
            ch[output(0, k, 1)] = x - y
        }
        if ido & 1 == 0 {
            for k in 0..<l1 {
                ch[output(ido - 1, k, 0)] = cc[input(ido - 1, 0, k)] * 2
                ch[output(ido - 1, k, 1)] = cc[input(0, 1, k)] * -2
            }
        }
        if ido <= 2 { return }
        for k in 0..<l1 {
            var i = 2
            while i < ido {
                let ic = ido - i
                let a = cc[input(i - 1, 0, k)], b = cc[input(ic - 1, 1, k)]
                ch[output(i - 1, k, 0)] = a + b
                let tr2 = a - b
                let c = cc[input(i, 0, k)], d = cc[input(ic, 1, k)]
                let ti2 = c + d
                ch[output(i, k, 0)] = c - d
                let wr = wa[i - 2], wi = wa[i - 1]
                ch[output(i, k, 1)] = ti2 * wr + tr2 * wi
                ch[output(i - 1, k, 1)] = tr2 * wr - ti2 * wi
                i += 2
            }
        }
    }

    @inline(__always)
    static func radix3<V: DCTLane>(
        _ ido: Int, _ l1: Int, _ cc: UnsafeMutablePointer<V>, _ ch: UnsafeMutablePointer<V>,
        _ wa: UnsafePointer<Double>
    ) where V.Element == Double {
        let taur = -0.5, taui = sinPiOver3
        @inline(__always) func input(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + 3 * c) }
        @inline(__always) func output(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + l1 * c) }
        for k in 0..<l1 {
            let tr2 = cc[input(ido - 1, 1, k)] * 2
            let c0 = cc[input(0, 0, k)]
            let cr2 = c0 + tr2 * taur
            ch[output(0, k, 0)] = c0 + tr2
            let ci3 = cc[input(0, 2, k)] * (2 * taui)
            ch[output(0, k, 2)] = cr2 + ci3
            ch[output(0, k, 1)] = cr2 - ci3
        }
        if ido == 1 { return }
        for k in 0..<l1 {
            var i = 2
            while i < ido {
                let ic = ido - i
                let tr2 = cc[input(i - 1, 2, k)] + cc[input(ic - 1, 1, k)]
                let ti2 = cc[input(i, 2, k)] - cc[input(ic, 1, k)]
                let cr2 = cc[input(i - 1, 0, k)] + tr2 * taur
                let ci2 = cc[input(i, 0, k)] + ti2 * taur
                ch[output(i - 1, k, 0)] = cc[input(i - 1, 0, k)] + tr2
                ch[output(i, k, 0)] = cc[input(i, 0, k)] + ti2
                let cr3 = (cc[input(i - 1, 2, k)] - cc[input(ic - 1, 1, k)]) * taui
                let ci3 = (cc[input(i, 2, k)] + cc[input(ic, 1, k)]) * taui
                let dr3 = cr2 + ci3, dr2 = cr2 - ci3
                let di2 = ci2 + cr3, di3 = ci2 - cr3
                let w1r = wa[i - 2], w1i = wa[i - 1]
                ch[output(i, k, 1)] = di2 * w1r + dr2 * w1i
                ch[output(i - 1, k, 1)] = dr2 * w1r - di2 * w1i
                let w2r = wa[i - 2 + (ido - 1)], w2i = wa[i - 1 + (ido - 1)]
                ch[output(i, k, 2)] = di3 * w2r + dr3 * w2i
                ch[output(i - 1, k, 2)] = dr3 * w2r - di3 * w2i
                i += 2
            }
        }
    }

    @inline(__always)
    static func radix4<V: DCTLane>(
        _ ido: Int, _ l1: Int, _ cc: UnsafeMutablePointer<V>, _ ch: UnsafeMutablePointer<V>,
        _ wa: UnsafePointer<Double>
    ) where V.Element == Double {
        let sqrt2 = squareRootOf2
        @inline(__always) func input(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + 4 * c) }
        @inline(__always) func output(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + l1 * c) }
        for k in 0..<l1 {
            let a = cc[input(0, 0, k)], b = cc[input(ido - 1, 3, k)]
            let tr2 = a + b, tr1 = a - b
            let tr3 = cc[input(ido - 1, 1, k)] * 2
            let tr4 = cc[input(0, 2, k)] * 2
            ch[output(0, k, 0)] = tr2 + tr3
            ch[output(0, k, 2)] = tr2 - tr3
            ch[output(0, k, 3)] = tr1 + tr4
            ch[output(0, k, 1)] = tr1 - tr4
        }
        if ido & 1 == 0 {
            for k in 0..<l1 {
                let a = cc[input(0, 3, k)], b = cc[input(0, 1, k)]
                let ti1 = a + b, ti2 = a - b
                let c = cc[input(ido - 1, 0, k)], d = cc[input(ido - 1, 2, k)]
                let tr2 = c + d, tr1 = c - d
                ch[output(ido - 1, k, 0)] = tr2 + tr2
                ch[output(ido - 1, k, 1)] = (tr1 - ti1) * sqrt2
                ch[output(ido - 1, k, 2)] = ti2 + ti2
                ch[output(ido - 1, k, 3)] = (tr1 + ti1) * -sqrt2
            }
        }
        if ido <= 2 { return }
        for k in 0..<l1 {
            var i = 2
            while i < ido {
                let ic = ido - i
                var a = cc[input(i - 1, 0, k)], b = cc[input(ic - 1, 3, k)]
                let tr2 = a + b, tr1 = a - b
                a = cc[input(i, 0, k)]; b = cc[input(ic, 3, k)]
                let ti1 = a + b, ti2 = a - b
                a = cc[input(i, 2, k)]; b = cc[input(ic, 1, k)]
                let tr4 = a + b, ti3 = a - b
                a = cc[input(i - 1, 2, k)]; b = cc[input(ic - 1, 1, k)]
                let tr3 = a + b, ti4 = a - b
                ch[output(i - 1, k, 0)] = tr2 + tr3
                let cr3 = tr2 - tr3
                ch[output(i, k, 0)] = ti2 + ti3
                let ci3 = ti2 - ti3
                let cr4 = tr1 + tr4, cr2 = tr1 - tr4
                let ci2 = ti1 + ti4, ci4 = ti1 - ti4
                var wr = wa[i - 2], wi = wa[i - 1]
                ch[output(i, k, 1)] = ci2 * wr + cr2 * wi
                ch[output(i - 1, k, 1)] = cr2 * wr - ci2 * wi
                wr = wa[i - 2 + (ido - 1)]; wi = wa[i - 1 + (ido - 1)]
                ch[output(i, k, 2)] = ci3 * wr + cr3 * wi
                ch[output(i - 1, k, 2)] = cr3 * wr - ci3 * wi
                wr = wa[i - 2 + 2 * (ido - 1)]; wi = wa[i - 1 + 2 * (ido - 1)]
                ch[output(i, k, 3)] = ci4 * wr + cr4 * wi
                ch[output(i - 1, k, 3)] = cr4 * wr - ci4 * wi
                i += 2
            }
        }
    }

    @inline(__always)
    static func radix5<V: DCTLane>(
        _ ido: Int, _ l1: Int, _ cc: UnsafeMutablePointer<V>, _ ch: UnsafeMutablePointer<V>,
        _ wa: UnsafePointer<Double>
    ) where V.Element == Double {
        let tr11 = cos2PiOver5, ti11 = sin2PiOver5, tr12 = cos4PiOver5, ti12 = sin4PiOver5
        @inline(__always) func input(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + 5 * c) }
        @inline(__always) func output(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + l1 * c) }
        for k in 0..<l1 {
            let ti5 = cc[input(0, 2, k)] + cc[input(0, 2, k)]
            let ti4 = cc[input(0, 4, k)] + cc[input(0, 4, k)]
            let tr2 = cc[input(ido - 1, 1, k)] + cc[input(ido - 1, 1, k)]
            let tr3 = cc[input(ido - 1, 3, k)] + cc[input(ido - 1, 3, k)]
            let c0 = cc[input(0, 0, k)]
            ch[output(0, k, 0)] = c0 + tr2 + tr3
            let cr2 = c0 + tr2 * tr11 + tr3 * tr12
            let cr3 = c0 + tr2 * tr12 + tr3 * tr11
            let ci5 = ti5 * ti11 + ti4 * ti12
            let ci4 = ti5 * ti12 - ti4 * ti11
            ch[output(0, k, 4)] = cr2 + ci5
            ch[output(0, k, 1)] = cr2 - ci5
            ch[output(0, k, 3)] = cr3 + ci4
            ch[output(0, k, 2)] = cr3 - ci4
        }
        if ido == 1 { return }
        for k in 0..<l1 {
            var i = 2
            while i < ido {
                let ic = ido - i
                var a = cc[input(i - 1, 2, k)], b = cc[input(ic - 1, 1, k)]
                let tr2 = a + b, tr5 = a - b
                a = cc[input(i, 2, k)]; b = cc[input(ic, 1, k)]
                let ti5 = a + b, ti2 = a - b
                a = cc[input(i - 1, 4, k)]; b = cc[input(ic - 1, 3, k)]
                let tr3 = a + b, tr4 = a - b
                a = cc[input(i, 4, k)]; b = cc[input(ic, 3, k)]
                let ti4 = a + b, ti3 = a - b
                let re0 = cc[input(i - 1, 0, k)], im0 = cc[input(i, 0, k)]
                ch[output(i - 1, k, 0)] = re0 + tr2 + tr3
                ch[output(i, k, 0)] = im0 + ti2 + ti3
                let cr2 = re0 + tr2 * tr11 + tr3 * tr12
                let ci2 = im0 + ti2 * tr11 + ti3 * tr12
                let cr3 = re0 + tr2 * tr12 + tr3 * tr11
                let ci3 = im0 + ti2 * tr12 + ti3 * tr11
                let cr5 = tr5 * ti11 + tr4 * ti12, cr4 = tr5 * ti12 - tr4 * ti11
                let ci5 = ti5 * ti11 + ti4 * ti12, ci4 = ti5 * ti12 - ti4 * ti11
                let dr4 = cr3 + ci4, dr3 = cr3 - ci4
                let di3 = ci3 + cr4, di4 = ci3 - cr4
                let dr5 = cr2 + ci5, dr2 = cr2 - ci5
                let di2 = ci2 + cr5, di5 = ci2 - cr5
                var wr = wa[i - 2], wi = wa[i - 1]
                ch[output(i, k, 1)] = di2 * wr + dr2 * wi
                ch[output(i - 1, k, 1)] = dr2 * wr - di2 * wi
                wr = wa[i - 2 + (ido - 1)]; wi = wa[i - 1 + (ido - 1)]
                ch[output(i, k, 2)] = di3 * wr + dr3 * wi
                ch[output(i - 1, k, 2)] = dr3 * wr - di3 * wi
                wr = wa[i - 2 + 2 * (ido - 1)]; wi = wa[i - 1 + 2 * (ido - 1)]
                ch[output(i, k, 3)] = di4 * wr + dr4 * wi
                ch[output(i - 1, k, 3)] = dr4 * wr - di4 * wi
                wr = wa[i - 2 + 3 * (ido - 1)]; wi = wa[i - 1 + 3 * (ido - 1)]
                ch[output(i, k, 4)] = di5 * wr + dr5 * wi
                ch[output(i - 1, k, 4)] = dr5 * wr - di5 * wi
                i += 2
            }
        }
    }

    /// Any odd prime radix `ip > 5`: a direct `ip`-point real DFT per butterfly using the
    /// root table `roots` (`roots[2m], roots[2m+1]` = `w_ip(m)`, conjugated in the upper half),
    /// with pocketfft's grouping of the accumulations (blocks of four, then two, then one).
    /// Overwrites `cc` as well as writing `ch`.
    static func radixGeneric<V: DCTLane>(
        _ ido: Int, _ ip: Int, _ l1: Int, _ cc: UnsafeMutablePointer<V>, _ ch: UnsafeMutablePointer<V>,
        _ wa: UnsafePointer<Double>, _ roots: UnsafePointer<Double>
    ) where V.Element == Double {
        let half = (ip + 1) / 2
        let idl1 = ido * l1
        @inline(__always) func input(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + ip * c) }
        @inline(__always) func plane(_ a: Int, _ b: Int, _ c: Int) -> Int { a + ido * (b + l1 * c) }
        @inline(__always) func flat(_ a: Int, _ b: Int) -> Int { a + idl1 * b }

        for k in 0..<l1 {
            for i in 0..<ido { ch[plane(i, k, 0)] = cc[input(i, 0, k)] }
        }
        for j in 1..<half {
            let jc = ip - j, j2 = 2 * j - 1
            for k in 0..<l1 {
                ch[plane(0, k, j)] = cc[input(ido - 1, j2, k)] * 2
                ch[plane(0, k, jc)] = cc[input(0, j2 + 1, k)] * 2
            }
        }
        if ido != 1 {
            for j in 1..<half {
                let jc = ip - j, j2 = 2 * j - 1
                for k in 0..<l1 {
                    var i = 1
                    while i <= ido - 2 {
                        let ic = ido - i - 2
                        ch[plane(i, k, j)] = cc[input(i, j2 + 1, k)] + cc[input(ic, j2, k)]
                        ch[plane(i, k, jc)] = cc[input(i, j2 + 1, k)] - cc[input(ic, j2, k)]
                        ch[plane(i + 1, k, j)] = cc[input(i + 1, j2 + 1, k)] - cc[input(ic + 1, j2, k)]
                        ch[plane(i + 1, k, jc)] = cc[input(i + 1, j2 + 1, k)] + cc[input(ic + 1, j2, k)]
                        i += 2
                    }
                }
            }
        }
        for l in 1..<half {
            let lc = ip - l
            for ik in 0..<idl1 {
                cc[flat(ik, l)] = ch[flat(ik, 0)] + ch[flat(ik, 1)] * roots[2 * l] + ch[flat(ik, 2)] * roots[4 * l]
                cc[flat(ik, lc)] = ch[flat(ik, ip - 1)] * roots[2 * l + 1] + ch[flat(ik, ip - 2)] * roots[4 * l + 1]
            }
            var angle = 2 * l
            @inline(__always) func nextRoot() -> (Double, Double) {
                angle += l
                if angle > ip { angle -= ip }
                return (roots[2 * angle], roots[2 * angle + 1])
            }
            var j = 3, jc = ip - 3
            while j < half - 3 {
                let (ar1, ai1) = nextRoot(), (ar2, ai2) = nextRoot()
                let (ar3, ai3) = nextRoot(), (ar4, ai4) = nextRoot()
                for ik in 0..<idl1 {
                    cc[flat(ik, l)] =
                        cc[flat(ik, l)]
                        + (ch[flat(ik, j)] * ar1 + ch[flat(ik, j + 1)] * ar2 + ch[flat(ik, j + 2)] * ar3
                            + ch[flat(ik, j + 3)] * ar4)
                    cc[flat(ik, lc)] =
                        cc[flat(ik, lc)]
                        + (ch[flat(ik, jc)] * ai1 + ch[flat(ik, jc - 1)] * ai2 + ch[flat(ik, jc - 2)] * ai3
                            + ch[flat(ik, jc - 3)] * ai4)
                }
                j += 4
                jc -= 4
            }
            while j < half - 1 {
                let (ar1, ai1) = nextRoot(), (ar2, ai2) = nextRoot()
                for ik in 0..<idl1 {
                    cc[flat(ik, l)] = cc[flat(ik, l)] + (ch[flat(ik, j)] * ar1 + ch[flat(ik, j + 1)] * ar2)
                    cc[flat(ik, lc)] = cc[flat(ik, lc)] + (ch[flat(ik, jc)] * ai1 + ch[flat(ik, jc - 1)] * ai2)
                }
                j += 2
                jc -= 2
            }
            while j < half {
                let (ar, ai) = nextRoot()
                for ik in 0..<idl1 {
                    cc[flat(ik, l)] = cc[flat(ik, l)] + ch[flat(ik, j)] * ar
                    cc[flat(ik, lc)] = cc[flat(ik, lc)] + ch[flat(ik, jc)] * ai
                }
                j += 1
                jc -= 1
            }
        }
        for j in 1..<half {
            for ik in 0..<idl1 { ch[flat(ik, 0)] = ch[flat(ik, 0)] + ch[flat(ik, j)] }
        }
        for j in 1..<half {
            let jc = ip - j
            for k in 0..<l1 {
                let a = cc[plane(0, k, j)], b = cc[plane(0, k, jc)]
                ch[plane(0, k, jc)] = a + b
                ch[plane(0, k, j)] = a - b
            }
        }
        if ido == 1 { return }
        for j in 1..<half {
            let jc = ip - j
            for k in 0..<l1 {
                var i = 1
                while i <= ido - 2 {
                    ch[plane(i, k, j)] = cc[plane(i, k, j)] - cc[plane(i + 1, k, jc)]
                    ch[plane(i, k, jc)] = cc[plane(i, k, j)] + cc[plane(i + 1, k, jc)]
                    ch[plane(i + 1, k, j)] = cc[plane(i + 1, k, j)] + cc[plane(i, k, jc)]
                    ch[plane(i + 1, k, jc)] = cc[plane(i + 1, k, j)] - cc[plane(i, k, jc)]
                    i += 2
                }
            }
        }
        for j in 1..<ip {
            let w = (j - 1) * (ido - 1)
            for k in 0..<l1 {
                var idij = w
                var i = 1
                while i <= ido - 2 {
                    let t1 = ch[plane(i, k, j)], t2 = ch[plane(i + 1, k, j)]
                    ch[plane(i, k, j)] = t1 * wa[idij] - t2 * wa[idij + 1]
                    ch[plane(i + 1, k, j)] = t2 * wa[idij] + t1 * wa[idij + 1]
                    idij += 2
                    i += 2
                }
            }
        }
    }
}
