/// SplitMix64 (Steele, Lea and Flood, 2014): the one seeded generator of the package's tests,
/// benchmark and fuzz seeds, so that every randomized input is reproducible from its seed.
///
/// Each call adds `0x9E3779B97F4A7C15` to the state and returns the state mixed by
/// `z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9`, `z = (z ^ (z >> 27)) * 0x94D049BB133111EB`,
/// `z ^ (z >> 31)` (wrapping multiplications). `Benchmarks/faiss_index.py` reproduces the same
/// stream in NumPy.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state: the seed before the first call.
    public var state: UInt64

    /// A generator whose first output is the mix of `seed + 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in `[0, 1)`: the top 53 bits of ``next()`` times `2^-53`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// `range.lowerBound + unit() * (upperBound - lowerBound)`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// `range.lowerBound + next() % range.count` (a slight modulo bias, harmless for test
    /// inputs). The range must have at most `UInt64.max` values.
    public mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
