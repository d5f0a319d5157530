/// A value the DCT kernels transform: one scalar (`Double`, `Float`) or a SIMD vector that
/// carries several independent transforms side by side, one per lane.
///
/// The kernels use only `+`, `-` and multiplication by a scalar table entry, each rounded
/// separately (Swift does not contract them into fused multiply-adds), so every lane of a
/// vector gets bit for bit the result the scalar kernel gives for that lane's data. That is
/// what makes a 2-D transform's column `c` equal to the 1-D transform of that column, and a
/// plane constant along rows give identical intermediate columns.
protocol DCTLane {
    associatedtype Element: BinaryFloatingPoint
    /// The number of independent transforms one value carries.
    static var laneCount: Int { get }
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Element) -> Self
    /// Loads `laneCount` consecutive elements (no alignment needed).
    static func load(_ pointer: UnsafePointer<Element>) -> Self
    /// Stores the `laneCount` lanes to consecutive elements (no alignment needed).
    func store(_ pointer: UnsafeMutablePointer<Element>)
    /// Lane `i`, `0 <= i < laneCount`.
    subscript(lane i: Int) -> Element { get set }
}

extension Double: DCTLane {
    typealias Element = Double
    @inline(__always) static var laneCount: Int { 1 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Double>) -> Double { pointer.pointee }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Double>) { pointer.pointee = self }
    @inline(__always) subscript(lane i: Int) -> Double {
        get { self }
        set { self = newValue }
    }
}

extension Float: DCTLane {
    typealias Element = Float
    @inline(__always) static var laneCount: Int { 1 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Float { pointer.pointee }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) { pointer.pointee = self }
    @inline(__always) subscript(lane i: Int) -> Float {
        get { self }
        set { self = newValue }
    }
}

extension SIMD4: DCTLane where Scalar: BinaryFloatingPoint {
    typealias Element = Scalar
    @inline(__always) static var laneCount: Int { 4 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Scalar>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
    @inline(__always) subscript(lane i: Int) -> Scalar {
        get { self[i] }
        set { self[i] = newValue }
    }
}

extension SIMD8: DCTLane where Scalar: BinaryFloatingPoint {
    typealias Element = Scalar
    @inline(__always) static var laneCount: Int { 8 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Scalar>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
    @inline(__always) subscript(lane i: Int) -> Scalar {
        get { self[i] }
        set { self[i] = newValue }
    }
}
