/// One view of an image that robust matching hashes: a rotation, a crop of the rotated frame,
/// then a symmetry.
///
/// The view is computed on the image after border trimming (``BorderTrim``):
/// 1. the trimmed image is turned ``rotation`` degrees counter-clockwise about its centre, in
///    the same frame (what a photo editor's "rotate, keep size" does; positions outside the
///    image repeat its edge);
/// 2. ``left``, ``top``, ``right`` and ``bottom`` percent of that frame's width and height are
///    cut away on each side;
/// 3. what remains is resampled to a square thumbnail and seen through ``symmetry``.
///
/// A reference stores many views (the copies it could be edited into); a query is hashed with
/// one or two (see ``RobustConfiguration``).
///
/// Text form (``description``): `left,top,right,bottom@rotation/symmetry`, all decimal
/// integers, symmetry as its ``DihedralTransform`` raw value: `0,0,0,0@0/5` is the whole
/// image mirrored, `14,14,14,14@-10/0` the centre of the image turned 10 degrees clockwise.
public struct RobustVariant: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// Percent of the width cut on the left, `0 ..< 100`.
    public var left: Int
    /// Percent of the height cut at the top, `0 ..< 100`.
    public var top: Int
    /// Percent of the width cut on the right; `left + right < 100`.
    public var right: Int
    /// Percent of the height cut at the bottom; `top + bottom < 100`.
    public var bottom: Int
    /// Degrees counter-clockwise, `-45 ... 45`.
    public var rotation: Int
    /// The symmetry applied to the final view.
    public var symmetry: DihedralTransform

    /// A view; see the type's description.
    ///
    /// - Precondition: every cut is `>= 0`, `left + right < 100`, `top + bottom < 100`,
    ///   `-45 <= rotation <= 45`.
    public init(
        left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0, rotation: Int = 0,
        symmetry: DihedralTransform = .original
    ) {
        precondition(
            Self.isValid(left: left, top: top, right: right, bottom: bottom, rotation: rotation),
            "invalid robust variant cuts \(left),\(top),\(right),\(bottom) rotation \(rotation)")
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.rotation = rotation
        self.symmetry = symmetry
    }

    /// The whole image, unchanged.
    public static let identity = RobustVariant()

    /// The same view with another symmetry.
    public func with(_ symmetry: DihedralTransform) -> RobustVariant {
        var v = self
        v.symmetry = symmetry
        return v
    }

    /// The view without its symmetry: the views that share one thumbnail.
    var geometry: RobustVariant { with(.original) }

    static func isValid(left: Int, top: Int, right: Int, bottom: Int, rotation: Int) -> Bool {
        left >= 0 && top >= 0 && right >= 0 && bottom >= 0 && left + right < 100
            && top + bottom < 100 && rotation >= -45 && rotation <= 45
    }

    /// `left,top,right,bottom@rotation/symmetry` (see the type's description).
    public var description: String {
        "\(left),\(top),\(right),\(bottom)@\(rotation)/\(symmetry.rawValue)"
    }

    /// Parses ``description``'s form; `nil` for anything else (out-of-range values included).
    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let cuts = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let tail = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard cuts.count == 4, tail.count == 2,
            cuts.allSatisfy({ $0.count <= 3 }), tail.allSatisfy({ $0.count <= 3 })
        else { return nil }
        let numbers = cuts.compactMap { Int($0) }
        guard numbers.count == 4, let rotation = Int(tail[0]), let raw = Int(tail[1]),
            let symmetry = DihedralTransform(rawValue: raw),
            Self.isValid(left: numbers[0], top: numbers[1], right: numbers[2], bottom: numbers[3], rotation: rotation)
        else { return nil }
        self.init(
            left: numbers[0], top: numbers[1], right: numbers[2], bottom: numbers[3], rotation: rotation,
            symmetry: symmetry)
    }

    /// Encodes the text form as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the text form; a string that does not parse is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = RobustVariant(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a robust variant: \(text)")
        }
        self = value
    }
}
