/// One of the eight symmetries of a rectangle's pixel grid: the identity, three rotations by
/// multiples of 90 degrees, and four mirrors.
///
/// Raw values and order are those of ``PDQHash/Dihedral`` (and of `pdqhash.compute_dihedral`),
/// so a PDQ fingerprint derived from DCT coefficients and one hashed from transformed pixels
/// name the same transform. On a `side x side` grid, output pixel `(row, column)` reads input
/// pixel:
///
/// | case | reads | on screen |
/// |---|---|---|
/// | ``original`` | `(r, c)` | unchanged |
/// | ``rotate90`` | `(c, side - 1 - r)` | turned 90 degrees counter-clockwise |
/// | ``rotate180`` | `(side - 1 - r, side - 1 - c)` | turned 180 degrees |
/// | ``rotate270`` | `(side - 1 - c, r)` | turned 90 degrees clockwise |
/// | ``flipX`` | `(side - 1 - r, c)` | upside down (vertical flip) |
/// | ``flipY`` | `(r, side - 1 - c)` | mirrored left to right |
/// | ``flipPlus1`` | `(c, r)` | transposed about the main diagonal |
/// | ``flipMinus1`` | `(side - 1 - c, side - 1 - r)` | transposed about the anti-diagonal |
public enum DihedralTransform: Int, Sendable, Hashable, CaseIterable, Codable {
    /// The image as it is.
    case original
    /// Turned 90 degrees counter-clockwise.
    case rotate90
    /// Turned 180 degrees.
    case rotate180
    /// Turned 90 degrees clockwise.
    case rotate270
    /// Rows reversed: upside down.
    case flipX
    /// Columns reversed: the usual horizontal mirror.
    case flipY
    /// Transposed about the main diagonal.
    case flipPlus1
    /// Transposed about the anti-diagonal.
    case flipMinus1

    /// The PDQ symmetry with the same meaning.
    var pdq: PDQHash.Dihedral { PDQHash.Dihedral(rawValue: rawValue)! }

    /// The input index `(row, column)` that output `(r, c)` of a `side x side` grid reads
    /// (the table in the type's description).
    @inline(__always)
    func source(row r: Int, column c: Int, side n: Int) -> (row: Int, column: Int) {
        switch self {
        case .original: (r, c)
        case .rotate90: (c, n - 1 - r)
        case .rotate180: (n - 1 - r, n - 1 - c)
        case .rotate270: (n - 1 - c, r)
        case .flipX: (n - 1 - r, c)
        case .flipY: (r, n - 1 - c)
        case .flipPlus1: (c, r)
        case .flipMinus1: (n - 1 - c, n - 1 - r)
        }
    }

    /// `plane` (a `side x side` row-major grid) seen through this transform.
    func applied<T>(to plane: [T], side n: Int) -> [T] {
        precondition(plane.count == n * n, "a \(n)x\(n) plane has \(n * n) values, not \(plane.count)")
        if self == .original { return plane }
        var out = plane
        for r in 0..<n {
            for c in 0..<n {
                let (sr, sc) = source(row: r, column: c, side: n)
                out[r * n + c] = plane[sr * n + sc]
            }
        }
        return out
    }
}
