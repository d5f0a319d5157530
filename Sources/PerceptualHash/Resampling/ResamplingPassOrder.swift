/// The order of the two one-dimensional passes of a two-dimensional resize.
///
/// The passes round to 8 bits in between (for 8-bit images), so the order can change the
/// last bit of some output samples. Pillow changed its order in 13.0; image hashes stored by
/// an older Pillow were computed with ``horizontalFirst``.
public enum ResamplingPassOrder: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Pillow 13's rule: the vertical pass runs first if and only if
    /// `inHeight - height > 0 && inHeight - height > 2 * (inWidth - width)` (a strong vertical
    /// reduction, as for tall portrait images); otherwise the horizontal pass runs first.
    case pillow13
    /// Pillow 12.1 and earlier: always the horizontal pass first, then the vertical pass.
    case horizontalFirst

    /// Whether the vertical pass runs first when resizing `inWidth x inHeight` to
    /// `width x height` in this order.
    @usableFromInline
    internal func verticalFirst(inWidth: Int, inHeight: Int, width: Int, height: Int) -> Bool {
        switch self {
        case .pillow13:
            let dy = inHeight - height
            return dy > 0 && dy > 2 * (inWidth - width)
        case .horizontalFirst:
            return false
        }
    }

    /// The Swift spelling of the case, for example `"pillow13"`.
    public var description: String {
        switch self {
        case .pillow13: "pillow13"
        case .horizontalFirst: "horizontalFirst"
        }
    }
}
