/// Finds uniform borders (letterbox and pillarbox bars, padding, a plain frame) so that robust
/// matching can hash the picture inside them.
///
/// Each side is examined on its own, from the outside in. The border colour of a side is the
/// per-channel mean of its outermost line (row or column, over the full length of the image),
/// rounded. A line belongs to the border while at least ``coverage`` of its pixels have every
/// colour channel within ``tolerance`` of that colour (alpha is ignored); the first line that
/// fails ends the border. A side loses at most ``maximumFraction`` of the image's size along
/// it. The outermost line itself must pass, so a side whose edge is not uniform is not trimmed.
///
/// What is and is not taken for a border, with the defaults (tolerance 16, coverage 0.97):
/// - bars of any colour, including JPEG-compressed black or white bars, whose samples stay
///   within 16 of their mean;
/// - not a sky or a wall with a gradient: lines stop matching the outermost line's colour once
///   the gradient has drifted by more than 16;
/// - not content that touches the edge anywhere along a line: more than 3% of the line must
///   be within tolerance, which a rotated copy's corner fill, or a subject that reaches the
///   edge, breaks;
/// - a flat band of image content that spans a whole side (an overlaid white strip, a
///   perfectly flat sky) is trimmed like a border. That is harmless for matching as long as
///   both images are trimmed the same way, which they are when the band is in both.
///
/// ```swift
/// let box = BorderTrim.standard.contentBox(of: image)
/// print(box.left, box.top, box.right, box.bottom)   // the kept rows and columns, half-open
/// ```
///
/// Cost: O(pixels of the trimmed lines + one line per side).
public struct BorderTrim: Sendable, Hashable, Codable {
    /// The largest difference, per colour channel, between a border pixel and the border colour.
    public var tolerance: Int
    /// The smallest fraction of a line's pixels that must be within ``tolerance``, in `(0, 1]`.
    public var coverage: Double
    /// The largest fraction of the width (left, right) or height (top, bottom) one side may
    /// lose, in `[0, 0.5)`.
    public var maximumFraction: Double

    /// A border detector; see the type's description.
    ///
    /// - Precondition: `tolerance >= 0`, `0 < coverage <= 1`, `0 <= maximumFraction < 0.5`.
    public init(tolerance: Int = 16, coverage: Double = 0.97, maximumFraction: Double = 0.4) {
        precondition(tolerance >= 0, "tolerance \(tolerance) is negative")
        precondition(coverage > 0 && coverage <= 1, "coverage \(coverage) is outside (0, 1]")
        precondition(
            maximumFraction >= 0 && maximumFraction < 0.5, "maximumFraction \(maximumFraction) is outside [0, 0.5)")
        self.tolerance = tolerance
        self.coverage = coverage
        self.maximumFraction = maximumFraction
    }

    /// Tolerance 16, coverage 0.97, at most 40% of a side.
    public static let standard = BorderTrim()

    /// The part of an image inside its borders: columns `left ..< right`, rows `top ..< bottom`.
    public struct ContentBox: Sendable, Hashable {
        /// The first kept column.
        public var left: Int
        /// The first kept row.
        public var top: Int
        /// One past the last kept column.
        public var right: Int
        /// One past the last kept row.
        public var bottom: Int
        /// `right - left`, at least 1.
        public var width: Int { right - left }
        /// `bottom - top`, at least 1.
        public var height: Int { bottom - top }
    }

    /// The content box of `image` (see the type's description). An image without borders
    /// gives `0, 0, width, height`.
    public func contentBox(of image: PixelBuffer) -> ContentBox {
        let w = image.width, h = image.height
        let channels = image.format.channelCount
        let colours = image.format.isGray ? 1 : 3
        let maxX = Int(Double(w) * maximumFraction), maxY = Int(Double(h) * maximumFraction)
        return image.samples.withUnsafeBufferPointer { s -> ContentBox in
            /// The number of border lines from one side: lines `line(0)`, `line(1)`, ... each
            /// given as (start sample offset, stride between pixels, pixel count).
            func depth(limit: Int, _ line: (Int) -> (start: Int, step: Int, count: Int)) -> Int {
                guard limit > 0 else { return 0 }
                let first = line(0)
                var colour = [Int](repeating: 0, count: colours)
                for k in 0..<first.count {
                    let o = first.start + k * first.step
                    for ch in 0..<colours { colour[ch] += Int(s[o + ch]) }
                }
                for ch in 0..<colours { colour[ch] = (2 * colour[ch] + first.count) / (2 * first.count) }
                var n = 0
                while n < limit {
                    let (start, step, count) = line(n)
                    let needed = Int((coverage * Double(count)).rounded(.up))
                    var good = 0, bad = 0
                    let allowedBad = count - needed
                    for k in 0..<count {
                        let o = start + k * step
                        var ok = true
                        for ch in 0..<colours where abs(Int(s[o + ch]) - colour[ch]) > tolerance { ok = false }
                        if ok {
                            good += 1
                        } else {
                            bad += 1
                            if bad > allowedBad { break }
                        }
                    }
                    if good < needed { break }
                    n += 1
                }
                return n
            }
            let row = w * channels
            let top = depth(limit: maxY) { (start: $0 * row, step: channels, count: w) }
            let bottom = depth(limit: maxY) { (start: (h - 1 - $0) * row, step: channels, count: w) }
            let left = depth(limit: maxX) { (start: $0 * channels, step: row, count: h) }
            let right = depth(limit: maxX) { (start: (w - 1 - $0) * channels, step: row, count: h) }
            return ContentBox(left: left, top: top, right: w - right, bottom: h - bottom)
        }
    }
}
