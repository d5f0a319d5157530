// The short description of the preprocessing settings, used inside the hashers'
// descriptions (Hashing/ImageHasher+Description.swift).

extension HashPreprocessing: CustomStringConvertible {
    /// `HashPreprocessing(conversion: .rec601, filter: .lanczos, passOrder: .pillow13)`, with
    /// the settings as Swift case names.
    public var description: String {
        "HashPreprocessing(conversion: .\(conversion), filter: .\(filter), passOrder: .\(passOrder))"
    }

    /// `", preprocessing: ..."` when `self` is not ``imageHash``, else empty.
    var argumentSuffix: String { self == .imageHash ? "" : ", preprocessing: \(self)" }
}
