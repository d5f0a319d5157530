/// What to do with the alpha channel of raw pixel memory when it becomes a ``PixelBuffer``.
///
/// With ``keep`` the buffer has alpha (`.grayAlpha8` or `.rgba8`). The two compositing cases
/// blend every pixel over an opaque background and produce a buffer without alpha (`.gray8`
/// or `.rgb8`). 16-bit samples, alpha included, are first scaled to 8 bits (see
/// ``PixelLayout/SampleEncoding``); compositing then works on the 8-bit values `c` (a colour
/// or gray sample), `a` (alpha) and `bg` (the background sample), all in `0...255`:
///
/// | case | result |
/// |---|---|
/// | ``compositeStraight(over:)`` | `(c * a + bg * (255 - a) + 127) / 255` |
/// | ``compositePremultiplied(over:)`` | `min(255, c + (bg * (255 - a) + 127) / 255)` |
///
/// Both divisions are integer divisions, so `(x + 127) / 255` is `x / 255` rounded to the
/// nearest integer (255 is odd, so there are no ties). `a = 255` gives `c`; `a = 0` gives
/// `bg` for straight alpha and `min(255, c + bg)` for premultiplied alpha (where a valid
/// premultiplied pixel has `c <= a`, so `c = 0` and the result is `bg`). For a layout
/// without alpha every case is the same as ``keep``.
///
/// ```swift
/// let image = try PixelBuffer(width: w, height: h, layout: .bgra8, bytes: memory,
///                             alpha: .compositePremultiplied(over: .white))   // .rgb8
/// ```
public enum AlphaHandling: Sendable, Hashable {
    /// Keep the alpha channel, as straight alpha (the default).
    case keep
    /// Blend straight (non-premultiplied) alpha over `background`.
    case compositeStraight(over: BackgroundColor)
    /// Blend premultiplied alpha (colour samples already multiplied by alpha) over `background`.
    case compositePremultiplied(over: BackgroundColor)
}

/// An opaque 8-bit colour to composite transparent pixels over.
///
/// Colour layouts blend over `red`, `green`, `blue`; gray layouts blend over `gray`.
public struct BackgroundColor: Sendable, Hashable {
    /// The red sample used for colour layouts.
    public var red: UInt8
    /// The green sample used for colour layouts.
    public var green: UInt8
    /// The blue sample used for colour layouts.
    public var blue: UInt8
    /// The sample used for gray layouts.
    public var gray: UInt8

    /// A colour with an explicit gray value for gray layouts.
    @inlinable
    public init(red: UInt8, green: UInt8, blue: UInt8, gray: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
        self.gray = gray
    }

    /// A colour whose gray value is its ``GrayscaleConversion/rec601`` luma,
    /// `(19595 R + 38470 G + 7471 B + 32768) >> 16`.
    @inlinable
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.init(
            red: red, green: green, blue: blue,
            gray: GrayscaleConversion.rec601.gray(red: red, green: green, blue: blue))
    }

    /// A neutral colour: `red`, `green`, `blue` and `gray` all equal to `gray`.
    @inlinable
    public init(gray: UInt8) {
        self.init(red: gray, green: gray, blue: gray, gray: gray)
    }

    /// 255 everywhere.
    public static let white = BackgroundColor(gray: 255)
    /// 0 everywhere.
    public static let black = BackgroundColor(gray: 0)
}
