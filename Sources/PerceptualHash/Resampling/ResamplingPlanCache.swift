// The only file of the Resampling area that uses a lock (a POSIX mutex from the C library).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the 8-bit passes need for one axis, computed once: the weights
/// (``ResamplingAxis``), their 22-bit fixed-point form (``ResamplingAxis/fixedWeights()``) and
/// their split `Int16` form (``NarrowSplitWeights``). Immutable; shared between threads.
final class ResamplingAxisPlan: Sendable {
    /// The weights of the axis.
    let axis: ResamplingAxis
    /// `axis.fixedWeights()`, for the vertical pass.
    let fixed: [Int32]
    /// `NarrowSplitWeights(axis: axis)`, for the horizontal pass.
    let narrow: NarrowSplitWeights

    /// Computes the plan of `filter` (not `.nearest`) for `inputCount -> outputCount`.
    init(filter: ResamplingFilter, inputCount: Int, outputCount: Int) {
        let axis = ResamplingAxis(filter: filter, inputCount: inputCount, outputCount: outputCount)
        self.axis = axis
        self.fixed = axis.fixedWeights()
        self.narrow = NarrowSplitWeights(axis: axis)
    }
}

/// A process-wide cache of ``ResamplingAxisPlan``s, so that hashing many images of the same
/// size (a camera's photos, a video's frames) computes each axis's weights once instead of on
/// every call (they were about 13% of the instructions of a 1920x1080 `DCTHash`).
///
/// Keyed by `(filter, inputCount, outputCount)`, which determine a plan completely, so a cached
/// plan is the plan the call would compute (tested). Holds at most ``capacity`` plans and only
/// plans of at most ``maximumWeightCount`` weights (16 bytes each over the three forms; a
/// 4000-pixel axis shrunk to 32 by LANCZOS has 24,032), so it never holds more than 16 MiB;
/// larger plans are computed per call and not kept. When full, the oldest plan is dropped. Lookups take a mutex for a few dictionary operations; the plan itself is built
/// outside the lock, so two threads missing the same key at once may both build it (same
/// result, one kept).
enum ResamplingPlanCache {
    /// The most plans kept: 16.
    static let capacity = 16
    /// The largest plan kept, in weights (`outputCount * stride`): 2^16.
    static let maximumWeightCount = 1 << 16

    struct Key: Hashable {
        var filter: ResamplingFilter
        var inputCount: Int
        var outputCount: Int
    }

    /// The table and its insertion order, guarded by ``lock``.
    private final class Storage: @unchecked Sendable {
        var plans: [Key: ResamplingAxisPlan] = [:]
        var order: [Key] = []
        let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
            let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
            m.initialize(to: pthread_mutex_t())
            pthread_mutex_init(m, nil)
            return m
        }()

        func withLock<R>(_ body: (Storage) -> R) -> R {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body(self)
        }
    }

    private static let storage = Storage()

    /// The plan for `filter` (not `.nearest`) resizing `inputCount` samples to `outputCount`:
    /// cached when present, else computed (and cached when small enough).
    static func plan(filter: ResamplingFilter, inputCount: Int, outputCount: Int) -> ResamplingAxisPlan {
        let key = Key(filter: filter, inputCount: inputCount, outputCount: outputCount)
        if let hit = storage.withLock({ $0.plans[key] }) { return hit }
        let plan = ResamplingAxisPlan(filter: filter, inputCount: inputCount, outputCount: outputCount)
        guard plan.axis.outputCount &* plan.axis.stride <= maximumWeightCount else { return plan }
        return storage.withLock { s in
            if let other = s.plans[key] { return other }
            if s.order.count >= capacity {
                s.plans[s.order.removeFirst()] = nil
            }
            s.plans[key] = plan
            s.order.append(key)
            return plan
        }
    }

    /// The keys held, oldest first (for tests).
    static var keys: [Key] { storage.withLock { $0.order } }
}
