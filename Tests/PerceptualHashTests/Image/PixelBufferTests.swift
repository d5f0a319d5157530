import Testing
@testable import PerceptualHash

@Suite struct PixelBufferTests {
    @Test(arguments: PixelBuffer.Format.allCases)
    func validSizesAreAccepted(format: PixelBuffer.Format) throws {
        for (w, h) in [(1, 1), (1, 9), (9, 1), (3, 7), (33, 17)] {
            let n = w * h * format.channelCount
            let samples = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            let b = try PixelBuffer(width: w, height: h, format: format, samples: samples)
            #expect(b.width == w && b.height == h && b.samples == samples, "\(w)x\(h) \(format)")
            #expect(b.pixelCount == w * h)
            #expect(b.rowSampleCount == w * format.channelCount)
            for y in 0..<h {
                #expect(
                    Array(b.row(y)) == Array(samples[y * w * format.channelCount..<(y + 1) * w * format.channelCount]))
                for x in 0..<w {
                    let start = (y * w + x) * format.channelCount
                    #expect(b.pixel(x: x, y: y).map(Array.init) == Array(samples[start..<start + format.channelCount]))
                }
            }
            #expect(b.pixel(x: w, y: 0) == nil)
            #expect(b.pixel(x: 0, y: h) == nil)
            #expect(b.pixel(x: -1, y: 0) == nil)
            #expect(b.withUnsafeBufferPointer { Array($0) } == samples)
        }
    }

    @Test func sizeErrors() {
        #expect(throws: PixelBufferError.invalidDimensions(width: 0, height: 1)) {
            try PixelBuffer(width: 0, height: 1, format: .gray8, samples: [])
        }
        #expect(throws: PixelBufferError.invalidDimensions(width: 2, height: -1)) {
            try PixelBuffer(width: 2, height: -1, format: .gray8, samples: [])
        }
        #expect(throws: PixelBufferError.sampleCountMismatch(expected: 6, found: 5)) {
            try PixelBuffer(width: 2, height: 1, format: .rgb8, samples: [1, 2, 3, 4, 5])
        }
        #expect(throws: PixelBufferError.limitExceeded(.width, value: 32_769, limit: 32_768)) {
            try PixelBuffer(width: 32_769, height: 1, format: .gray8, repeating: 0)
        }
        #expect(throws: PixelBufferError.limitExceeded(.height, value: 40_000, limit: 32_768)) {
            try PixelBuffer(width: 1, height: 40_000, format: .gray8, repeating: 0)
        }
        #expect(throws: PixelBufferError.limitExceeded(.pixelCount, value: 30_000 * 30_000, limit: 89_478_485)) {
            try PixelBuffer(width: 30_000, height: 30_000, format: .gray8, samples: [1, 2, 3])
        }
        let huge = ImageLimits(maxWidth: .max, maxHeight: .max, maxPixelCount: .max)
        #expect(throws: PixelBufferError.sizeOverflow(width: Int.max / 2, height: 4, channels: 1)) {
            try PixelBuffer(width: Int.max / 2, height: 4, format: .gray8, samples: [], limits: huge)
        }
        #expect(throws: PixelBufferError.sizeOverflow(width: Int.max / 2, height: 1, channels: 4)) {
            try PixelBuffer(width: Int.max / 2, height: 1, format: .rgba8, samples: [], limits: huge)
        }
    }

    @Test func repeatingFillsEverySample() throws {
        let b = try PixelBuffer(width: 3, height: 2, format: .rgba8, repeating: 7)
        #expect(b.samples == [UInt8](repeating: 7, count: 24))
    }

    @Test func formatProperties() {
        #expect(PixelBuffer.Format.allCases.map(\.channelCount) == [1, 2, 3, 4])
        #expect(PixelBuffer.Format.allCases.map(\.hasAlpha) == [false, true, false, true])
        #expect(PixelBuffer.Format.allCases.map(\.isGray) == [true, true, false, false])
        #expect(PixelBuffer.Format.allCases.map(\.description) == ["gray8", "grayAlpha8", "rgb8", "rgba8"])
    }
}
