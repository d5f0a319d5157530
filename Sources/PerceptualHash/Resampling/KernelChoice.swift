/// Which twin of the integer resampling kernels runs: the one place that chooses.
///
/// The 8-bit resampling and fused gray + resize kernels each come in two implementations that
/// compute the same wrapping `Int32` sums (exact in any order): a scalar loop and a `SIMD`
/// loop. Both are compiled in every configuration, and the tests run each against the other on
/// lengths that reach every tail path. What runs is decided here:
///
/// - optimized builds (`-O`, `-Osize`, `-Ounchecked`: `swift build -c release`) run the `SIMD`
///   twins, which the optimizer lowers to packed multiply-adds and shuffles;
/// - unoptimized builds (`-Onone`: `swift build`, `swift test`) run the scalar twins, because
///   unspecialized `SIMD` code at `-Onone` is about 50 times slower than the scalar loop and
///   would make the debug test suite crawl without testing anything the twin tests do not.
///
/// The choice is `_isDebugAssertConfiguration()`, which the compiler folds to a constant, so
/// neither build pays a branch per call.
enum KernelChoice {
    /// `true` when the `SIMD` twins run (optimized builds), `false` for the scalar twins.
    @inline(__always)
    static var vector: Bool { !_isDebugAssertConfiguration() }
}
