/// A frame header (SOF0, SOF1 or SOF2) with the geometry libjpeg derives from it.
struct JPEGFrame {
    struct Component {
        var id: UInt8
        var h: Int
        var v: Int
        var quantTable: Int
        /// Samples per row and rows of the downsampled component: ceil(width * h / hmax).
        var width = 0
        var height = 0
        /// Blocks the component has: ceil(width / 8), ceil(height / 8).
        var blocksWide = 0
        var blocksHigh = 0
        /// Blocks allocated per row and rows: the MCU grid's (mcusWide * h, mcusHigh * v).
        var paddedBlocksWide = 0
        var paddedBlocksHigh = 0
    }

    var progressive: Bool
    var width: Int
    var height: Int
    var components: [Component]
    var hMax = 1
    var vMax = 1
    var mcusWide = 0
    var mcusHigh = 0

    /// Fills the derived sizes.
    mutating func layOut() {
        hMax = components.map(\.h).max() ?? 1
        vMax = components.map(\.v).max() ?? 1
        mcusWide = (width + 8 * hMax - 1) / (8 * hMax)
        mcusHigh = (height + 8 * vMax - 1) / (8 * vMax)
        for i in components.indices {
            var c = components[i]
            c.width = (width * c.h + hMax - 1) / hMax
            c.height = (height * c.v + vMax - 1) / vMax
            c.blocksWide = (c.width + 7) / 8
            c.blocksHigh = (c.height + 7) / 8
            c.paddedBlocksWide = mcusWide * c.h
            c.paddedBlocksHigh = mcusHigh * c.v
            components[i] = c
        }
    }
}

/// The zigzag order: `natural[k]` is the row-major index of the k-th coefficient of a scan.
/// Entries past 63 repeat 63 so that corrupt run lengths stay inside the block (libjpeg's
/// `jpeg_natural_order` does the same).
let jpegNaturalOrder: [Int] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    63,
]
