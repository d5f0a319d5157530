@testable import PerceptualHash

extension Fingerprint {
    /// The bits as an array, bit 0 first (for comparing with plain reference computations).
    var bitArray: [Bool] { (0..<bitCount).map { self[bit: $0] } }
}
