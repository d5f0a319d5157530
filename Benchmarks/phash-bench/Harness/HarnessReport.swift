import Foundation

/// The Markdown, CSV and JSON forms of the results.
enum HarnessReport {
    static func threshold(_ t: Double?, integer: Bool) -> String {
        guard let t else { return "none" }
        return integer ? String(Int(t)) : String(format: "%.4g", t)
    }
    static func percent(_ x: Double) -> String { String(format: "%.1f", x * 100) }
    static func fixed(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

    static func markdown(robustness r: HarnessRobustnessResult?, speed: HarnessSpeedResult?, context: [String: String])
        -> String
    {
        var md = "# phash-bench: algorithm comparison\n\n"
        for key in context.keys.sorted() { md += "- \(key): \(context[key]!)\n" }
        md += "\n"
        if let r {
            md += "## Robustness\n\n"
            md += "\(r.images) originals, \(r.negatives) non-matching pairs (all pairs of distinct originals), "
            md +=
                "\(r.attacks.count) attacks x \(r.images) matching pairs each; measured in \(fixed(r.seconds, 1)) s.\n"
            md += "A pair matches at threshold t when its distance <= t. The threshold at FPR <= x is the largest "
            md += "such t that lets at most a fraction x of the non-matching pairs through.\n\n"
            md += "### Summary (TPR in %)\n\n"
            md +=
                "| algorithm | AUC | threshold @ FPR 0.1% | FPR | mean TPR @ 0.1% | min TPR @ 0.1% | threshold @ FPR 0.01% | mean TPR @ 0.01% | min TPR @ 0.01% | threshold @ FPR 1% | mean TPR @ 1% | median distance match / non-match |\n"
            md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for a in r.algorithms {
                md +=
                    "| \(a.name) | \(fixed(a.auc, 4)) | \(threshold(a.threshold01, integer: a.integerDistances)) | \(String(format: "%.2f", a.fpr01 * 100))% | **\(percent(a.meanTPR01))** | \(percent(a.tpr01.min() ?? 0)) | "
                md +=
                    "\(threshold(a.threshold001, integer: a.integerDistances)) | \(percent(a.meanTPR001)) | \(percent(a.tpr001.min() ?? 0)) | "
                md += "\(threshold(a.threshold1, integer: a.integerDistances)) | \(percent(a.meanTPR1)) | "
                md +=
                    "\(threshold(a.medianPositive, integer: false)) / \(threshold(a.medianNegative, integer: false)) |\n"
            }
            for (title, pick) in [
                (
                    "True-positive rate (%) per attack at FPR <= 0.1%",
                    { (a: HarnessAlgorithmResult) in (a.tpr01, a.meanTPR01) }
                ),
                (
                    "True-positive rate (%) per attack at FPR <= 0.01%",
                    { (a: HarnessAlgorithmResult) in (a.tpr001, a.meanTPR001) }
                ),
                (
                    "True-positive rate (%) per attack at FPR <= 1%",
                    { (a: HarnessAlgorithmResult) in (a.tpr1, a.meanTPR1) }
                ),
            ] {
                md += "\n### \(title)\n\n| algorithm | " + r.attacks.joined(separator: " | ") + " | mean |\n"
                md += "|---|" + String(repeating: "---:|", count: r.attacks.count + 1) + "\n"
                for a in r.algorithms {
                    let (tpr, mean) = pick(a)
                    md += "| \(a.name) | " + tpr.map(percent).joined(separator: " | ") + " | **\(percent(mean))** |\n"
                }
            }
            md += "\n### ROC AUC per attack\n\n| algorithm | " + r.attacks.joined(separator: " | ") + " | all |\n"
            md += "|---|" + String(repeating: "---:|", count: r.attacks.count + 1) + "\n"
            for a in r.algorithms {
                md +=
                    "| \(a.name) | " + a.aucPerAttack.map { fixed($0) }.joined(separator: " | ")
                    + " | \(fixed(a.auc, 4)) |\n"
            }
            md += "\n### Recommended thresholds\n\n"
            md +=
                "Match when distance <= t (t at FPR <= 0.1% on these images; the 1% threshold trades more false matches for recall).\n\n"
            for a in r.algorithms.sorted(by: { ($0.meanTPR01, $0.auc) > ($1.meanTPR01, $1.auc) }) {
                md += "- \(a.name): distance <= \(threshold(a.threshold01, integer: a.integerDistances))"
                md += a.integerDistances ? " of \(Int(a.maximumDistance)) bits" : ""
                md +=
                    " (mean TPR \(percent(a.meanTPR01))%; at FPR 1%: <= \(threshold(a.threshold1, integer: a.integerDistances)), TPR \(percent(a.meanTPR1))%)\n"
            }
            md += "\n### Attacks\n\n"
            for (name, summary) in zip(r.attacks, r.attackSummaries) { md += "- `\(name)`: \(summary)\n" }
            md += "\n"
        }
        if let s = speed {
            md += "## Speed (single thread, median of \(s.repetitions) runs after a warm-up)\n\n"
            md += "Microseconds per image (per call for DCT and compare) and input megapixels per second. "
            md += "`hash` is the whole pipeline from RGB pixels (gray conversion, resize, transform, bits).\n\n"
            md += "| stage | what | " + s.sets.map { "\($0) us | \($0) Mpx/s" }.joined(separator: " | ") + " |\n"
            md += "|---|---|" + String(repeating: "---:|---:|", count: s.sets.count) + "\n"
            for row in s.rows {
                md += "| \(row.stage) | \(row.algorithm) | "
                md +=
                    zip(row.microseconds, row.megapixelsPerSecond).map { us, mpx in
                        "\(us < 0.1 ? String(format: "%.4f", us) : us < 10 ? String(format: "%.3f", us) : String(format: "%.0f", us)) | \(mpx.map { String(format: "%.1f", $0) } ?? "-")"
                    }.joined(separator: " | ") + " |\n"
            }
            md += "\n"
        }
        return md
    }

    static func csv(_ r: HarnessRobustnessResult) -> String {
        var out = "algorithm,attack,threshold_fpr_0.1,tpr_fpr_0.1,threshold_fpr_1,tpr_fpr_1,auc\n"
        func t(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        for a in r.algorithms {
            for (k, attack) in r.attacks.enumerated() {
                out +=
                    "\(a.name),\(attack),\(t(a.threshold01)),\(a.tpr01[k]),\(t(a.threshold1)),\(a.tpr1[k]),\(a.aucPerAttack[k])\n"
            }
            out += "\(a.name),mean,\(t(a.threshold01)),\(a.meanTPR01),\(t(a.threshold1)),\(a.meanTPR1),\(a.auc)\n"
        }
        return out
    }

    struct JSONDocument: Codable {
        let context: [String: String]
        let robustness: HarnessRobustnessResult?
        let speed: HarnessSpeedResult?
        let peakMemoryBytes: Int
    }

    static func json(_ document: JSONDocument) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
