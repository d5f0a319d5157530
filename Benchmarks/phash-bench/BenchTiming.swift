/// The timing rule of the `speed`, `pdq`, `decode` and `png` modes: one warm-up call of `body`,
/// then `runs` timed calls on the monotonic clock; the result is the median in seconds (for an
/// even `runs`, the upper of the two middle times).
func medianSeconds(runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

/// `s` padded with spaces to `n` characters, or followed by one space when it is already that
/// long: a table column of the `decode` and `png` modes.
func padColumn(_ s: String, _ n: Int) -> String {
    s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
}
