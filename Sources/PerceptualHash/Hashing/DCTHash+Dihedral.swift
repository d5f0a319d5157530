extension DCTHash {
    /// The fingerprints of `image` seen through each of `symmetries`, from one transform: the
    /// thumbnail's coefficient block is computed once (``coefficientBlock(of:)``) and each
    /// symmetry's block derived from it, then thresholded as ``fingerprint(of:)`` does.
    ///
    /// The DCT-II of a reversed sequence is the DCT-II of the sequence with the odd
    /// frequencies negated, `X'[k] = (-1)^k X[k]`, and the 2-D DCT of a transposed plane is
    /// the transposed block. So, with `u` the vertical and `v` the horizontal frequency, the
    /// block of the transformed thumbnail is `s(u, v) Y[u][v]` or `s(u, v) Y[v][u]`:
    ///
    /// | symmetry | block |
    /// |---|---|
    /// | ``DihedralTransform/original`` | `Y[u][v]` |
    /// | ``DihedralTransform/rotate90`` | `(-1)^u Y[v][u]` |
    /// | ``DihedralTransform/rotate180`` | `(-1)^(u+v) Y[u][v]` |
    /// | ``DihedralTransform/rotate270`` | `(-1)^v Y[v][u]` |
    /// | ``DihedralTransform/flipX`` | `(-1)^u Y[u][v]` |
    /// | ``DihedralTransform/flipY`` | `(-1)^v Y[u][v]` |
    /// | ``DihedralTransform/flipPlus1`` | `Y[v][u]` |
    /// | ``DihedralTransform/flipMinus1`` | `(-1)^(u+v) Y[v][u]` |
    ///
    /// The threshold (median or mean, with or without the DC term) is computed on the derived
    /// block, so it is the threshold of the transformed thumbnail too. The result is the
    /// fingerprint of the transformed image whenever the preprocessing commutes with the
    /// symmetry: exactly so when `image` already is the `(size * highFrequencyFactor)`-pixel
    /// square gray thumbnail (the resize is then the identity), as in robust matching. The
    /// derived coefficients equal the directly computed ones up to floating-point rounding
    /// (the butterfly and SciPy's FFTPACK add in a different order for a reversed input), so
    /// a bit can differ only where a coefficient lies within that rounding of the threshold:
    /// the tests find no difference on photo-like planes and noise, and allow none. Where
    /// coefficients vanish mathematically (a flat or mirror-symmetric thumbnail), the signs of
    /// their rounding noise can differ, and with them the bits that noise decides.
    ///
    /// - Precondition: the block is square (`width == height`) when a symmetry transposes.
    internal func fingerprints(of image: PixelBuffer, symmetries: [DihedralTransform]) -> [Fingerprint] {
        let block = coefficientBlock(of: image)
        return symmetries.map {
            Self.selectedBits(
                of: Self.transform(block, width: width, height: height, $0), threshold: threshold, dcTerm: dcTerm)
        }
    }

    /// The `height x width` row-major `block` of a plane's DCT turned into the block of the
    /// plane seen through `symmetry` (the table of ``fingerprints(of:symmetries:)``).
    ///
    /// - Precondition: `width == height` when `symmetry` transposes.
    internal static func transform(
        _ block: [Double], width: Int, height: Int, _ symmetry: DihedralTransform
    ) -> [Double] {
        if symmetry == .original { return block }
        let transposes: Bool
        let rowSign: Bool, columnSign: Bool  // negate odd vertical / horizontal frequencies
        switch symmetry {
        case .original: (transposes, rowSign, columnSign) = (false, false, false)
        case .rotate90: (transposes, rowSign, columnSign) = (true, true, false)
        case .rotate180: (transposes, rowSign, columnSign) = (false, true, true)
        case .rotate270: (transposes, rowSign, columnSign) = (true, false, true)
        case .flipX: (transposes, rowSign, columnSign) = (false, true, false)
        case .flipY: (transposes, rowSign, columnSign) = (false, false, true)
        case .flipPlus1: (transposes, rowSign, columnSign) = (true, false, false)
        case .flipMinus1: (transposes, rowSign, columnSign) = (true, true, true)
        }
        precondition(!transposes || width == height, "a \(height)x\(width) block cannot be transposed")
        var out = block
        for u in 0..<height {
            for v in 0..<width {
                let value = transposes ? block[v * width + u] : block[u * width + v]
                let negate = (rowSign && u & 1 == 1) != (columnSign && v & 1 == 1)
                out[u * width + v] = negate ? -value : value
            }
        }
        return out
    }

    /// ``bits(of:threshold:dcTerm:)`` with the median found by selection
    /// (``Selection/median(_:)``) instead of sorting: the same value, so the same bits.
    internal static func selectedBits(of block: [Double], threshold: Threshold, dcTerm: DCTerm) -> Fingerprint {
        guard threshold == .median else { return bits(of: block, threshold: threshold, dcTerm: dcTerm) }
        var values = dcTerm == .included ? block : Array(block[1...])
        let t = values.withUnsafeMutableBufferPointer { Selection.median($0) }
        let first = dcTerm == .dropped ? 1 : 0
        var fingerprint = Fingerprint(bitCount: block.count - first)
        for i in first..<block.count where block[i] > t { fingerprint[bit: i - first] = true }
        return fingerprint
    }
}
