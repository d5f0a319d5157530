/// The entropy decoding of one scan: sequential scans decode each block completely and
/// transform it into its component's plane at once; progressive scans (`jdphuff.c`'s four
/// kinds: DC first, DC refinement, AC first, AC refinement) update the stored coefficients.
struct JPEGScan {
    let decoder: JPEGDecoder
    let components: [(index: Int, dc: Int, ac: Int)]
    let ss: Int
    let se: Int
    let ah: Int
    let al: Int
    var reader: JPEGBitReader
    var predictions = [Int](repeating: 0, count: 4)
    var endOfBandRun = 0

    init(
        decoder: JPEGDecoder, components: [(index: Int, dc: Int, ac: Int)], ss: Int, se: Int, ah: Int, al: Int,
        reader: JPEGBitReader
    ) {
        self.decoder = decoder
        self.components = components
        self.ss = ss
        self.se = se
        self.ah = ah
        self.al = al
        self.reader = reader
    }

    mutating func run(start: Int) throws(JPEGError) {
        let f = decoder.frame!
        let interval = decoder.restartInterval
        let single = components.count == 1
        let (mcusWide, mcusHigh): (Int, Int)
        if single {
            let c = f.components[components[0].index]
            (mcusWide, mcusHigh) = (c.blocksWide, c.blocksHigh)
        } else {
            (mcusWide, mcusHigh) = (f.mcusWide, f.mcusHigh)
        }
        let progressive = f.progressive
        // The decoder keeps the tables alive for the whole scan.
        let dcTables = components.map { decoder.dcTables[$0.dc]?.lookup }
        let acTables = components.map { decoder.acTables[$0.ac]?.lookup }
        let natural = UnsafeMutablePointer<Int>.allocate(capacity: jpegNaturalOrder.count)
        natural.initialize(from: jpegNaturalOrder, count: jpegNaturalOrder.count)
        let block = UnsafeMutablePointer<Int16>.allocate(capacity: 64)
        let workspace = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        let quants = components.map { c -> UnsafeMutablePointer<Int32> in
            let q = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
            q.initialize(from: decoder.latchedQuant[c.index]!, count: 64)
            return q
        }
        defer {
            natural.deallocate()
            block.deallocate()
            workspace.deallocate()
            for q in quants { q.deallocate() }
        }
        // Per scan component: where its blocks go.
        let infos = components.map { s -> (h: Int, v: Int, blocksWide: Int, stride: Int) in
            let c = f.components[s.index]
            return (c.h, c.v, c.paddedBlocksWide, c.paddedBlocksWide * 8)
        }
        let planes = components.map { decoder.planes[$0.index] }
        let coefficients = components.map { decoder.coefficients[$0.index] }
        var restartsToGo = interval
        var nextRestart = 0
        for my in 0..<mcusHigh {
            for mx in 0..<mcusWide {
                if interval > 0 {
                    if restartsToGo == 0 {
                        guard reader.restart(expecting: nextRestart) else {
                            throw .corruptData(offset: reader.position)
                        }
                        nextRestart = (nextRestart + 1) & 7
                        restartsToGo = interval
                        for i in predictions.indices { predictions[i] = 0 }
                        endOfBandRun = 0
                    }
                    restartsToGo -= 1
                }
                for ci in 0..<components.count {
                    let info = infos[ci]
                    let (bw, bh) = single ? (1, 1) : (info.h, info.v)
                    for by in 0..<bh {
                        for bx in 0..<bw {
                            let row = single ? my : my * info.v + by
                            let col = single ? mx : mx * info.h + bx
                            if progressive {
                                let coefs = coefficients[ci]! + (row * info.blocksWide + col) * 64
                                let ok: Bool
                                if ss == 0 {
                                    ok = decodeDC(coefs, ci, dcTables[ci])
                                } else if ah == 0 {
                                    ok = decodeACFirst(coefs, acTables[ci]!, natural)
                                } else {
                                    ok = decodeACRefine(coefs, acTables[ci]!, natural)
                                }
                                if !ok { throw .corruptData(offset: reader.position) }
                            } else {
                                block.initialize(repeating: 0, count: 64)
                                let acs = decodeBlock(block, ci, dcTables[ci]!, acTables[ci]!, natural)
                                if acs < 0 { throw .corruptData(offset: reader.position) }
                                let output = planes[ci]! + row * 8 * info.stride + col * 8
                                if acs == 0 {
                                    JPEGIDCT.fillDCOnly(
                                        block[0], quant: quants[ci], output: output, stride: info.stride)
                                } else {
                                    JPEGIDCT.transform(
                                        block, quant: quants[ci], workspace: workspace, output: output,
                                        stride: info.stride)
                                }
                            }
                        }
                    }
                }
                if reader.hitEnd { throw .truncated(offset: start) }
            }
        }
    }

    /// A sequential block: DC difference, then run-length coded AC coefficients. Returns how
    /// many AC coefficients were stored, or -1 for corrupt data.
    @inline(__always)
    mutating func decodeBlock(
        _ block: UnsafeMutablePointer<Int16>, _ ci: Int, _ dc: JPEGHuffmanLookup, _ ac: JPEGHuffmanLookup,
        _ natural: UnsafeMutablePointer<Int>
    ) -> Int {
        reader.ensure32()
        let s = reader.decodeUnchecked(dc)
        if s < 0 || s > 15 { return -1 }
        var stored = 0
        if s > 0 { predictions[ci] &+= reader.extendUnchecked(s) }
        block[0] = Int16(truncatingIfNeeded: predictions[ci])
        var k = 1
        while k < 64 {
            reader.ensure32()
            let rs = reader.decodeUnchecked(ac)
            if rs < 0 { return -1 }
            let r = rs >> 4
            let size = rs & 15
            if size != 0 {
                k += r
                block[natural[k]] = Int16(truncatingIfNeeded: reader.extendUnchecked(size))
                stored += 1
                k += 1
            } else {
                if r != 15 { break }
                k += 16
            }
        }
        return stored
    }

    /// DC first pass (`ah == 0`) or refinement bit.
    @inline(__always)
    mutating func decodeDC(_ coefs: UnsafeMutablePointer<Int16>, _ ci: Int, _ dc: JPEGHuffmanLookup?) -> Bool {
        if ah == 0 {
            let s = reader.decode(dc!)
            if s < 0 || s > 15 { return false }
            predictions[ci] &+= reader.receiveExtend(s)
            coefs[0] = Int16(truncatingIfNeeded: predictions[ci] << al)
        } else if reader.bit() != 0 {
            coefs[0] |= Int16(truncatingIfNeeded: 1 << al)
        }
        return true
    }

    @inline(__always)
    mutating func decodeACFirst(
        _ coefs: UnsafeMutablePointer<Int16>, _ ac: JPEGHuffmanLookup, _ natural: UnsafeMutablePointer<Int>
    ) -> Bool {
        if endOfBandRun > 0 {
            endOfBandRun -= 1
            return true
        }
        var k = ss
        while k <= se {
            let rs = reader.decode(ac)
            if rs < 0 { return false }
            let r = rs >> 4
            let size = rs & 15
            if size != 0 {
                k += r
                coefs[natural[k]] = Int16(truncatingIfNeeded: reader.receiveExtend(size) << al)
            } else if r == 15 {
                k += 15
            } else {
                endOfBandRun = 1 << r
                if r > 0 { endOfBandRun += reader.bits(r) }
                endOfBandRun -= 1
                break
            }
            k += 1
        }
        return true
    }

    @inline(__always)
    mutating func decodeACRefine(
        _ coefs: UnsafeMutablePointer<Int16>, _ ac: JPEGHuffmanLookup, _ natural: UnsafeMutablePointer<Int>
    ) -> Bool {
        let p1 = Int16(truncatingIfNeeded: 1 << al)
        let m1 = Int16(truncatingIfNeeded: -1 << al)
        var k = ss
        @inline(__always) func refine(_ coef: inout Int16, _ reader: inout JPEGBitReader) {
            if reader.bit() != 0 && coef & p1 == 0 {
                coef = coef >= 0 ? coef &+ p1 : coef &+ m1
            }
        }
        if endOfBandRun == 0 {
            while k <= se {
                let rs = reader.decode(ac)
                if rs < 0 { return false }
                var r = rs >> 4
                var value: Int16 = 0
                if rs & 15 != 0 {
                    value = reader.bit() != 0 ? p1 : m1
                } else if r != 15 {
                    endOfBandRun = 1 << r
                    if r > 0 { endOfBandRun += reader.bits(r) }
                    break
                }
                repeat {
                    let at = natural[k]
                    if coefs[at] != 0 {
                        refine(&coefs[at], &reader)
                    } else {
                        if r == 0 { break }
                        r -= 1
                    }
                    k += 1
                } while k <= se
                if value != 0 { coefs[natural[k]] = value }
                k += 1
            }
        }
        if endOfBandRun > 0 {
            while k <= se {
                let at = natural[k]
                if coefs[at] != 0 { refine(&coefs[at], &reader) }
                k += 1
            }
            endOfBandRun -= 1
        }
        return true
    }
}
