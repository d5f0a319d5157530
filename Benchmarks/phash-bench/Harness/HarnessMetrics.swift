/// The pure measures of the harness: thresholds at a false-positive rate, true-positive rates,
/// ROC AUC. Distances are "smaller = more alike"; a pair matches at threshold `t` when
/// `distance <= t`.
enum HarnessMetrics {
    /// The largest threshold `t` with `FPR(t) = #{negatives <= t} / n <= target`.
    ///
    /// With the negatives sorted, `s[0] <= ... <= s[n-1]`, and `m = floor(target * n)`, the
    /// condition holds exactly for `t < s[m]`. For integer distances the threshold is
    /// `s[m] - 1`; for real-valued ones it is the midpoint between `s[m]` and the largest
    /// negative below it (or `s[m] / 2` when there is none). When `m >= n` every threshold
    /// passes and the result is the largest negative. `nil` when no threshold `>= 0` passes
    /// (at least `m + 1` negatives at distance 0).
    static func threshold(sortedNegatives s: [Double], target: Double, integer: Bool) -> Double? {
        precondition(!s.isEmpty, "threshold needs at least one negative")
        let m = Int((target * Double(s.count)).rounded(.down))
        if m >= s.count { return s[s.count - 1] }
        let v = s[m]
        if v <= 0 { return nil }
        if integer { return v - 1 }
        // The largest negative strictly below v sits just before the first occurrence of v.
        var lo = 0, hi = m
        while lo < hi {
            let mid = (lo + hi) / 2
            if s[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        let below = lo > 0 ? s[lo - 1] : 0
        return (below + v) / 2
    }

    /// `#{values <= t} / n` (0 for an empty list or a nil threshold).
    static func rate(sorted values: [Double], atMost t: Double?) -> Double {
        guard let t, !values.isEmpty else { return 0 }
        return Double(countAtMost(sorted: values, t)) / Double(values.count)
    }

    /// `#{values <= t}` by binary search in a sorted list.
    static func countAtMost(sorted values: [Double], _ t: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The exact ROC AUC: the probability that a random positive is closer than a random
    /// negative, ties counted half: `(#{p < n} + #{p == n} / 2) / (P N)`, by one merge of the
    /// sorted lists, O(P + N).
    static func auc(sortedPositives p: [Double], sortedNegatives n: [Double]) -> Double {
        guard !p.isEmpty, !n.isEmpty else { return 0 }
        var wins = 0.0
        var j = 0  // negatives < current value
        var i = 0
        while i < p.count {
            let v = p[i]
            var same = 0
            while i + same < p.count && p[i + same] == v { same += 1 }
            while j < n.count && n[j] < v { j += 1 }
            var k = j
            while k < n.count && n[k] == v { k += 1 }
            let greater = n.count - k, equal = k - j
            wins += Double(same) * (Double(greater) + Double(equal) / 2)
            i += same
        }
        return wins / (Double(p.count) * Double(n.count))
    }

    /// ROC points `(FPR, TPR)` at every distinct distance of either list (a threshold just at
    /// each value), starting at `(0, 0)` below the smallest; O(P + N).
    static func rocPoints(sortedPositives p: [Double], sortedNegatives n: [Double]) -> [(fpr: Double, tpr: Double)] {
        var points: [(fpr: Double, tpr: Double)] = [(0, 0)]
        var i = 0, j = 0
        while i < p.count || j < n.count {
            let v = min(i < p.count ? p[i] : .infinity, j < n.count ? n[j] : .infinity)
            while i < p.count && p[i] <= v { i += 1 }
            while j < n.count && n[j] <= v { j += 1 }
            points.append((n.isEmpty ? 0 : Double(j) / Double(n.count), p.isEmpty ? 0 : Double(i) / Double(p.count)))
        }
        return points
    }
}
