import FuzzEntries

/// libFuzzer calls this once per input. A violated invariant or a trap is a finding;
/// a thrown library error is an ordinary (rejected) outcome.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntries.jpeg(UnsafeRawBufferPointer(start: size == 0 ? nil : data, count: size)).trapOnViolation()
    return 0
}
