import Foundation

/// Plots written as plain SVG text by the harness (no plotting library).
enum HarnessSVG {
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
        "#17becf", "#393b79", "#e6550d", "#31a354", "#756bb1", "#636363", "#843c39", "#d6616b", "#3182bd",
        "#fd8d3c", "#74c476",
    ]

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
    }

    /// ROC curves of every algorithm with the false-positive rate on a log axis from
    /// `minimumFPR` to 1 (the region that decides a threshold), TPR linear 0...1.
    static func roc(_ results: [HarnessAlgorithmResult], _ distances: [HarnessDistances], title: String) -> String {
        let width = 900.0, height = 560.0, left = 60.0, top = 40.0, plotW = 560.0, plotH = 460.0
        let negatives = distances.first?.negatives.count ?? 1
        let minimumExponent = min(-1, (log10(1 / Double(max(negatives, 10)))).rounded(.down))
        func x(_ fpr: Double) -> Double {
            let e = max(minimumExponent, log10(max(fpr, 1e-300)))
            return left + (e - minimumExponent) / -minimumExponent * plotW
        }
        func y(_ tpr: Double) -> Double { top + (1 - tpr) * plotH }
        var svg = header(width, height)
        svg += "<text x=\"\(f(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
        // Grid and axes.
        var e = minimumExponent
        while e <= 0 {
            let gx = x(pow(10, e))
            svg += "<line x1=\"\(f(gx))\" y1=\"\(f(top))\" x2=\"\(f(gx))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>\n"
            svg +=
                "<text x=\"\(f(gx))\" y=\"\(f(top + plotH + 16))\" font-size=\"11\" text-anchor=\"middle\">1e\(Int(e))</text>\n"
            e += 1
        }
        for t in stride(from: 0.0, through: 1.0, by: 0.1) {
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(t)))\" stroke=\"#eee\"/>\n"
            svg +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(t) + 4))\" font-size=\"11\" text-anchor=\"end\">\(String(format: "%.1f", t))</text>\n"
        }
        for (target, label) in [(0.001, "FPR 0.1%"), (0.01, "FPR 1%")] {
            svg +=
                "<line x1=\"\(f(x(target)))\" y1=\"\(f(top))\" x2=\"\(f(x(target)))\" y2=\"\(f(top + plotH))\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(f(x(target) + 3))\" y=\"\(f(top + 12))\" font-size=\"10\">\(label)</text>\n"
        }
        svg +=
            "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#000\"/>\n"
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 34))\" font-size=\"12\" text-anchor=\"middle\">false-positive rate (non-matching pairs at distance &lt;= t), log scale</text>\n"
        svg +=
            "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">true-positive rate (attacked copies at distance &lt;= t)</text>\n"
        for (k, (result, d)) in zip(results, distances).enumerated() {
            let colour = palette[k % palette.count]
            var last = (-1.0, -1.0)
            var points: [String] = []
            // A step curve: hold the TPR until the FPR moves.
            var previousY = y(0)
            for p in HarnessMetrics.rocPoints(sortedPositives: d.allPositives, sortedNegatives: d.negatives) {
                let px = p.fpr == 0 ? left : x(p.fpr), py = y(p.tpr)
                if abs(px - last.0) < 1 && abs(py - last.1) < 1 { continue }
                points.append("\(f(px)),\(f(previousY))")
                points.append("\(f(px)),\(f(py))")
                previousY = py
                last = (px, py)
            }
            svg +=
                "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\" points=\"\(points.joined(separator: " "))\"/>\n"
            let ly = top + 10 + Double(k) * 17
            svg +=
                "<line x1=\"\(f(left + plotW + 20))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW + 44))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
            svg +=
                "<text x=\"\(f(left + plotW + 50))\" y=\"\(f(ly + 4))\" font-size=\"11\">\(escape(result.name)) (AUC \(String(format: "%.4f", result.auc)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Histograms of the distances of matching pairs (original vs attacked, all attacks) and
    /// non-matching pairs (distinct originals), each normalized to fractions of its own pairs,
    /// with the FPR 0.1% threshold marked.
    static func distances(_ result: HarnessAlgorithmResult, _ d: HarnessDistances) -> String {
        let width = 720.0, height = 360.0, left = 60.0, top = 40.0, plotW = 620.0, plotH = 260.0
        let observed = max(d.negatives.last ?? 0, d.allPositives.last ?? 0)
        let upper: Double
        let binWidth: Double
        if result.integerDistances {
            upper = result.maximumDistance
            binWidth = upper <= 64 ? 1 : 4
        } else {
            upper = max(observed, 1e-9) * 1.02
            binWidth = upper / 60
        }
        let binCount = Int((upper / binWidth).rounded(.up)) + (result.integerDistances ? 1 : 0)
        func histogram(_ values: [Double]) -> [Double] {
            var bins = [Double](repeating: 0, count: binCount)
            for v in values { bins[min(binCount - 1, max(0, Int(v / binWidth)))] += 1 }
            return bins.map { values.isEmpty ? 0 : $0 / Double(values.count) }
        }
        let matches = histogram(d.allPositives), others = histogram(d.negatives)
        let peak = max(matches.max() ?? 0, others.max() ?? 0, 1e-9)
        let barW = plotW / Double(binCount)
        func y(_ v: Double) -> Double { top + plotH - v / peak * plotH }
        var svg = header(width, height)
        svg +=
            "<text x=\"\(f(left))\" y=\"24\" font-size=\"14\" font-weight=\"bold\">\(escape(result.name)): distances of matching vs non-matching pairs</text>\n"
        for (bins, colour, label, row) in [
            (others, "#d62728", "non-matching pairs (\(d.negatives.count))", 0),
            (matches, "#2ca02c", "original vs attacked (\(d.allPositives.count))", 1),
        ] {
            for (i, v) in bins.enumerated() where v > 0 {
                svg +=
                    "<rect x=\"\(f(left + Double(i) * barW))\" y=\"\(f(y(v)))\" width=\"\(f(max(barW, 0.6)))\" height=\"\(f(top + plotH - y(v)))\" fill=\"\(colour)\" fill-opacity=\"0.45\"/>\n"
            }
            svg +=
                "<rect x=\"\(f(left + plotW - 230))\" y=\"\(f(top + 6 + Double(row) * 16))\" width=\"12\" height=\"10\" fill=\"\(colour)\" fill-opacity=\"0.6\"/>\n"
            svg +=
                "<text x=\"\(f(left + plotW - 214))\" y=\"\(f(top + 15 + Double(row) * 16))\" font-size=\"11\">\(escape(label))</text>\n"
        }
        if let t = result.threshold01 {
            let tx = left + (t + (result.integerDistances ? 1 : 0)) / (Double(binCount) * binWidth) * plotW
            svg +=
                "<line x1=\"\(f(tx))\" y1=\"\(f(top))\" x2=\"\(f(tx))\" y2=\"\(f(top + plotH))\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\n"
            svg +=
                "<text x=\"\(f(tx + 3))\" y=\"\(f(top + 48))\" font-size=\"10\">t = \(HarnessReport.threshold(t, integer: result.integerDistances)) (FPR 0.1%)</text>\n"
        }
        svg +=
            "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#000\"/>\n"
        for k in 0...5 {
            let v = Double(k) / 5 * Double(binCount) * binWidth
            svg +=
                "<text x=\"\(f(left + Double(k) / 5 * plotW))\" y=\"\(f(top + plotH + 16))\" font-size=\"11\" text-anchor=\"middle\">\(result.integerDistances ? String(Int(v.rounded())) : String(format: "%.3g", v))</text>\n"
        }
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 34))\" font-size=\"12\" text-anchor=\"middle\">\(result.integerDistances ? "Hamming distance (bits)" : "distance")</text>\n"
        svg +=
            "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">fraction of pairs (peak \(String(format: "%.3f", peak)))</text>\n"
        return svg + "</svg>\n"
    }

    static func header(_ width: Double, _ height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    }
}
