/// The element types ``DCT`` and ``DCT2D`` transform: `Double` and `Float`, the library's only
/// conformances.
///
/// `Double` runs every ``DCTAlgorithm``; `Float` runs the ``DCTAlgorithm/butterfly`` operations
/// in `Float` arithmetic, with `Float` tables rounded from the correctly rounded `Double` ones
/// (values within about `2e-6` of the `Double` transform, relative to the largest magnitude;
/// the exact zeros hold in both). Integer array literals passed to the transforms are
/// `[Double]`.
///
/// Do not add conformances: a transform of any other type stops with a precondition failure.
public protocol DCTScalar: BinaryFloatingPoint, Sendable {}

extension Double: DCTScalar {}
extension Float: DCTScalar {}

extension DCTScalar {
    /// Calls `double` or `float` with `input` and `output` seen as buffers of that type.
    @inline(__always)
    static func dispatch(
        _ input: UnsafeBufferPointer<Self>, _ output: UnsafeMutableBufferPointer<Self>,
        double: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
        float: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        if Self.self == Double.self {
            input.withMemoryRebound(to: Double.self) { i in output.withMemoryRebound(to: Double.self) { double(i, $0) }
            }
        } else if Self.self == Float.self {
            input.withMemoryRebound(to: Float.self) { i in output.withMemoryRebound(to: Float.self) { float(i, $0) } }
        } else {
            preconditionFailure("DCT and DCT2D transform Double and Float, not \(Self.self)")
        }
    }
}
