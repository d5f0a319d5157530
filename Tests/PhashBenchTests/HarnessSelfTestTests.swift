import Testing
@testable import phash_bench

/// The benchmark harness's own checks, run by `swift test`: the false-positive-rate
/// threshold, true-positive rate and ROC AUC on hand-computed cases and against brute force on
/// seeded random lists, and the attacks' invariants (mirror twice is the identity, crop and
/// padding sizes, rotation by 0, JPEG at quality 100 within rounding, noise statistics, blur
/// of a flat image, determinism). The same checks run as `phash-bench --self-test`.
@Suite struct HarnessSelfTestTests {
    @Test func everyHarnessCheckPasses() {
        let (checks, failures) = HarnessSelfTest.results()
        #expect(checks > 1000, "the self-test ran only \(checks) checks")
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(checks) harness checks failed:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}
