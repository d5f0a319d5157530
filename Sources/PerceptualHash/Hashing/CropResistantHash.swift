/// The crop-resistant hash: the image cut into bright and dark segments, one hash per
/// segment's bounding box. ImageHash's `crop_resistant_hash`, after Martinez et al.,
/// "Efficient Cropping-Resistant Robust Image Hashing", ARES 2014,
/// <https://doi.org/10.1109/ARES.2014.85>.
///
/// Steps, for a segmentation size `S` (``segmentationImageSize``):
/// 1. the segmentation image: gray by ``preprocessing``'s conversion, resized to `S x S` by its
///    filter (Pillow's `convert("L").resize((S, S), LANCZOS)`), then Pillow's
///    `GaussianBlur(2)` (three extended box passes per axis, radius 1.375, 8-bit rounding after
///    each pass) and `MedianFilter(3)` (edges repeated), byte for byte;
/// 2. its segments: the 4-connected components of pixels brighter than ``segmentThreshold``
///    ("hills", in the row-major order of their first pixel), then of the other pixels
///    ("valleys", same order, the last ones skipped when ImageHash's visited-pixel counter
///    reaches `S^2` first), each kept when it has more than ``minSegmentSize`` pixels. No kept
///    segment: one segment covering the whole image;
/// 3. with ``limitSegments`` `= m` (not `nil`, above 0): the `m` largest segments, a stable
///    sort by decreasing size (ImageHash's `sorted(..., reverse=True)[:m]`);
/// 4. for each segment, in that order, with rows `r0...r1` and columns `c0...c1` of its
///    bounding box and the original image `W x H`: `sx = Double(W) / Double(S)`,
///    `sy = Double(H) / Double(S)`; the crop `x0 = round(c0 * sx)`, `y0 = round(r0 * sy)`,
///    `x1 = round((c1 + 1) * sx)`, `y1 = round((r1 + 1) * sy)` (`Double` products, rounded half to
///    even, as Python's `round`) of the original image, hashed by ``segmentHasher``. An empty
///    crop (possible when the image is smaller than `S`) is hashed as a 1 x 1 black image,
///    which is what Pillow's resize of an empty image gives.
///
/// `CropResistantHash()` (``DifferenceHash`` segments of 64 bits, threshold 128, more than 500
/// pixels, `S = 300`, no limit) reproduces ImageHash 4.3.2's `crop_resistant_hash(image)` on
/// Pillow 13 bit for bit: the same segments in the same order, so `description` of the result
/// equals ImageHash's `str(...)`. One difference: where ImageHash raises an `IndexError` (more
/// than `4 S` one-pixel components in the segmentation image), this type returns the segments
/// found before that point.
///
/// Cost and bounds: the segmentation is O(`S^2`) time with about `8 S^2` bytes (0.7 MB for
/// `S = 300`), whatever the image. At most `S^2 / (minSegmentSize + 1)` segments are kept (179
/// for the defaults) and each costs one crop copy and one ``segmentHasher`` run over at most
/// the whole image, so the worst case (an image of many thin segments spanning the image) is
/// 179 hashes of the full image, one crop in memory at a time; ``limitSegments`` caps it. With
/// the default segment hasher a colour image is converted to gray once (`W * H` bytes) and
/// the crops are gray.
///
/// ```swift
/// let a = CropResistantHash().multiFingerprint(of: imageA)
/// let b = CropResistantHash().multiFingerprint(of: imageB)
/// print(a)                       // e.g. "0f1b3e...,9c8e..." (one 16-digit hash per segment)
/// if a.matches(b) { print("share a region") }
/// ```
public struct CropResistantHash<SegmentHasher: ImageHasher & Hashable>: Sendable, Hashable {
    /// The hash of each segment's bounding box (ImageHash's `hash_func`).
    public var segmentHasher: SegmentHasher
    /// Keep only this many of the largest segments; `nil` (or 0) keeps all
    /// (`limit_segments`).
    public var limitSegments: Int?
    /// Pixels brighter than this are hills, the others valleys (`segment_threshold`).
    public var segmentThreshold: Int
    /// Segments of this many pixels or fewer are dropped (`min_segment_size`).
    public var minSegmentSize: Int
    /// `S`, the side of the segmentation image (`segmentation_image_size`).
    public let segmentationImageSize: Int
    /// The gray conversion and resize that make the segmentation image.
    public var preprocessing: HashPreprocessing

    /// A crop-resistant hash with any segment hasher; the other defaults are ImageHash's.
    ///
    /// - Precondition: `1 <= segmentationImageSize <= 4096`, `minSegmentSize >= 0`,
    ///   `limitSegments` is `nil` or `>= 0`.
    public init(
        segmentHasher: SegmentHasher,
        limitSegments: Int? = nil,
        segmentThreshold: Int = 128,
        minSegmentSize: Int = 500,
        segmentationImageSize: Int = 300,
        preprocessing: HashPreprocessing = .imageHash
    ) {
        precondition(
            (1...4096).contains(segmentationImageSize),
            "segmentationImageSize must be 1...4096, not \(segmentationImageSize)")
        precondition(minSegmentSize >= 0, "minSegmentSize must be >= 0, not \(minSegmentSize)")
        precondition((limitSegments ?? 0) >= 0, "limitSegments must be nil or >= 0, not \(limitSegments ?? 0)")
        self.segmentHasher = segmentHasher
        self.limitSegments = limitSegments
        self.segmentThreshold = segmentThreshold
        self.minSegmentSize = minSegmentSize
        self.segmentationImageSize = segmentationImageSize
        self.preprocessing = preprocessing
    }

    /// The segmentation image of step 1: `S x S` gray samples, row-major.
    public func segmentationImage(of image: PixelBuffer) -> [UInt8] {
        let s = segmentationImageSize
        let gray = preprocessing.reducedGray(image, width: s, height: s)
        let blurred = GaussianBlur().apply(gray, width: s, height: s)
        return MedianFilter.median3x3(blurred, width: s, height: s)
    }

    /// The crop rectangles of steps 2 to 4 in the original image, in hashing order:
    /// `x0 ..< x1` columns and `y0 ..< y1` rows (possibly empty).
    public func segmentRectangles(of image: PixelBuffer) -> [(x: Range<Int>, y: Range<Int>)] {
        rectangles(segmentationImage: segmentationImage(of: image), width: image.width, height: image.height)
    }

    /// Steps 2 to 4 on a segmentation image, for an original image of `width x height`.
    private func rectangles(segmentationImage: [UInt8], width: Int, height: Int) -> [(x: Range<Int>, y: Range<Int>)] {
        let s = segmentationImageSize
        var segments = BrightnessSegmentation(threshold: segmentThreshold, minSegmentSize: minSegmentSize)
            .segments(of: segmentationImage, side: s)
        if segments.isEmpty {
            segments = [.init(size: 2, minRow: 0, maxRow: s - 1, minColumn: 0, maxColumn: s - 1)]
        }
        if let limit = limitSegments, limit > 0 {
            // A stable sort by decreasing size: ties keep their order.
            segments = Array(
                segments.enumerated().sorted { ($0.element.size, -$0.offset) > ($1.element.size, -$1.offset) }
                    .prefix(limit).map(\.element))
        }
        let sx = Double(width) / Double(s), sy = Double(height) / Double(s)
        @inline(__always) func round(_ v: Double, _ limit: Int) -> Int {
            min(max(Int(v.rounded(.toNearestOrEven)), 0), limit)
        }
        return segments.map { segment in
            let x0 = round(Double(segment.minColumn) * sx, width)
            let x1 = round(Double(segment.maxColumn + 1) * sx, width)
            let y0 = round(Double(segment.minRow) * sy, height)
            let y1 = round(Double(segment.maxRow + 1) * sy, height)
            return (x0..<max(x0, x1), y0..<max(y0, y1))
        }
    }

    /// The crop-resistant hash of `image`: one ``segmentHasher`` fingerprint per segment, in
    /// ImageHash's order (see the type's description). Never empty.
    ///
    /// When the segment hasher is a ``DifferenceHash`` with the same gray conversion, a colour
    /// image is converted to gray once and the segmentation and every crop read that gray
    /// image (the conversion is per pixel, so the bits are the same as converting each crop).
    public func multiFingerprint(of image: PixelBuffer) -> MultiFingerprint {
        var source = image
        if !image.format.isGray, let d = segmentHasher as? DifferenceHash,
            d.preprocessing.conversion == preprocessing.conversion
        {
            source = image.grayscale(preprocessing.conversion)
        }
        let rects = rectangles(
            segmentationImage: segmentationImage(of: source), width: image.width, height: image.height)
        let hashes = rects.map { rect in
            segmentHasher.fingerprint(of: source.cropped(columns: rect.x, rows: rect.y))
        }
        return MultiFingerprint(uncheckedSegments: hashes)
    }
}

extension CropResistantHash where SegmentHasher == DifferenceHash {
    /// ImageHash's `crop_resistant_hash` with its default `hash_func=dhash` (64 bits per
    /// segment); every default reproduces ImageHash 4.3.2.
    ///
    /// - Precondition: as ``init(segmentHasher:limitSegments:segmentThreshold:minSegmentSize:segmentationImageSize:preprocessing:)``.
    public init(
        limitSegments: Int? = nil,
        segmentThreshold: Int = 128,
        minSegmentSize: Int = 500,
        segmentationImageSize: Int = 300,
        preprocessing: HashPreprocessing = .imageHash
    ) {
        self.init(
            segmentHasher: DifferenceHash(), limitSegments: limitSegments, segmentThreshold: segmentThreshold,
            minSegmentSize: minSegmentSize, segmentationImageSize: segmentationImageSize,
            preprocessing: preprocessing)
    }
}

extension PixelBuffer {
    /// The pixels of `columns x rows`, every channel kept; an empty range gives a 1 x 1 buffer
    /// of zero samples (see ``CropResistantHash``).
    func cropped(columns: Range<Int>, rows: Range<Int>) -> PixelBuffer {
        let channels = format.channelCount
        guard !columns.isEmpty, !rows.isEmpty else {
            return PixelBuffer(
                uncheckedWidth: 1, height: 1, format: format, samples: [UInt8](repeating: 0, count: channels))
        }
        if columns.count == width && rows.count == height { return self }
        let rowBytes = columns.count * channels
        let out = [UInt8](unsafeUninitializedCapacity: rowBytes * rows.count) { out, count in
            samples.withUnsafeBufferPointer { p in
                var o = 0
                for y in rows {
                    let start = (y * width + columns.lowerBound) * channels
                    for i in 0..<rowBytes { out[o + i] = p[start + i] }
                    o += rowBytes
                }
            }
            count = rowBytes * rows.count
        }
        return PixelBuffer(uncheckedWidth: columns.count, height: rows.count, format: format, samples: out)
    }
}
