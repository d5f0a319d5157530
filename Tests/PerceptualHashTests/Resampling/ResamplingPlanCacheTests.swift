import Testing
@testable import PerceptualHash

/// ``ResamplingPlanCache``: a cached plan is exactly the plan the call would compute, the cache
/// stays within its bounds, and concurrent callers get consistent plans.
@Suite struct ResamplingPlanCacheTests {
    /// Field-by-field equality of two plans (every array the passes read).
    static func same(_ a: ResamplingAxisPlan, _ b: ResamplingAxisPlan) -> Bool {
        a.axis.inputCount == b.axis.inputCount && a.axis.outputCount == b.axis.outputCount
            && a.axis.stride == b.axis.stride && a.axis.first == b.axis.first
            && a.axis.counts == b.axis.counts && a.axis.weights == b.axis.weights
            && a.fixed == b.fixed && a.narrow.low == b.narrow.low && a.narrow.high == b.narrow.high
            && a.narrow.padded == b.narrow.padded && a.narrow.highStart == b.narrow.highStart
            && a.narrow.highCount == b.narrow.highCount && a.narrow.stride == b.narrow.stride
    }

    static let filters = ResamplingFilter.allCases.filter { $0 != .nearest }

    @Test(arguments: filters)
    func cachedPlanEqualsAFreshOne(filter: ResamplingFilter) {
        for (input, output) in [(1920, 32), (1080, 32), (481, 9), (321, 8), (7, 64), (64, 64), (1, 1), (4000, 17)] {
            let fresh = ResamplingAxisPlan(filter: filter, inputCount: input, outputCount: output)
            let first = ResamplingPlanCache.plan(filter: filter, inputCount: input, outputCount: output)
            let again = ResamplingPlanCache.plan(filter: filter, inputCount: input, outputCount: output)
            #expect(Self.same(first, fresh), "\(filter) \(input) -> \(output)")
            #expect(Self.same(again, fresh), "\(filter) \(input) -> \(output)")
            #expect(fresh.fixed == fresh.axis.fixedWeights())
        }
    }

    /// More distinct keys than the capacity: the cache never holds more than `capacity`, a key
    /// just looked up is served from the cache (the same object), and a plan larger than
    /// `maximumWeightCount` is computed but never kept.
    @Test func staysWithinItsBounds() {
        let sizes = (0..<(ResamplingPlanCache.capacity + 5)).map { 5_003 + 2 * $0 }
        for input in sizes {
            _ = ResamplingPlanCache.plan(filter: .bilinear, inputCount: input, outputCount: 13)
            #expect(ResamplingPlanCache.keys.count <= ResamplingPlanCache.capacity)
        }
        // Other suites share the cache and may evict between two calls; one identical pair in
        // ten tries shows the hit path.
        var served = false
        for _ in 0..<10 where !served {
            let a = ResamplingPlanCache.plan(filter: .hamming, inputCount: 7_777, outputCount: 11)
            let b = ResamplingPlanCache.plan(filter: .hamming, inputCount: 7_777, outputCount: 11)
            served = a === b
        }
        #expect(served)
        // 200,000 outputs of an upscale: 7 taps each, 1.4 million weights.
        let huge = ResamplingPlanCache.plan(filter: .lanczos, inputCount: 1_000, outputCount: 200_000)
        #expect(huge.axis.outputCount * huge.axis.stride > ResamplingPlanCache.maximumWeightCount)
        #expect(!ResamplingPlanCache.keys.contains(.init(filter: .lanczos, inputCount: 1_000, outputCount: 200_000)))
        let hugeAgain = ResamplingPlanCache.plan(filter: .lanczos, inputCount: 1_000, outputCount: 200_000)
        #expect(huge !== hugeAgain && Self.same(huge, hugeAgain))
    }

    /// Many tasks asking for overlapping keys at once (TSan runs this: `Scripts/sanitizers.sh`)
    /// all get the fresh plan's values.
    @Test func concurrentLookupsAgree() async {
        let keys = (0..<24).map { (Self.filters[$0 % Self.filters.count], 600 + 37 * ($0 % 8), 8 + $0 % 3) }
        let fresh = keys.map { ResamplingAxisPlan(filter: $0.0, inputCount: $0.1, outputCount: $0.2) }
        let agree = await withTaskGroup(of: Bool.self) { group in
            for t in 0..<8 {
                group.addTask {
                    var ok = true
                    for round in 0..<40 {
                        let i = (t * 7 + round * 5) % keys.count
                        let plan = ResamplingPlanCache.plan(
                            filter: keys[i].0, inputCount: keys[i].1, outputCount: keys[i].2)
                        ok = ok && Self.same(plan, fresh[i])
                    }
                    return ok
                }
            }
            var all = true
            for await ok in group { all = all && ok }
            return all
        }
        #expect(agree)
    }
}
