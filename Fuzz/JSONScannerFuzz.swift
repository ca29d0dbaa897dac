// libFuzzer entry for EltopJSON's scanner, built by `make fuzz` with `swiftc -sanitize=fuzzer,address
// -parse-as-library` straight from the sources (no SwiftPM product: libFuzzer brings its own `main`).
// Each input is read twice: every value through the reading calls, then skipped whole; both must end in
// a value or an error, never a crash, and must agree on whether the document is valid.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var reader = JSONScanner(bytes)
    let readOK = (try? readAll(&reader, depth: 0)).map { (try? reader.expectEnd()) != nil } ?? false
    var skipper = JSONScanner(bytes)
    let skipOK = (try? skipper.skipValue()).map { (try? skipper.expectEnd()) != nil } ?? false
    // Reading checks more than skipping (see JSONScanner): valid when read implies valid when skipped.
    if readOK && !skipOK { fatalError("read accepted what skip refused") }
    return 0
}

private func readAll(_ scanner: inout JSONScanner, depth: Int) throws {
    guard depth < 500 else { return try scanner.skipValue() }
    switch try scanner.peekKind() {
    case .object: try scanner.forEachMember { scanner, key in
        _ = key.string
        _ = key == "name"
        try readAll(&scanner, depth: depth + 1)
    }
    case .array: try scanner.forEachElement { scanner in try readAll(&scanner, depth: depth + 1) }
    case .string: _ = try scanner.readString()
    case .number:
        var copy = scanner
        _ = try? copy.readInt64()
        _ = try scanner.readDouble()
    case .bool: _ = try scanner.readBool()
    case .null: try scanner.readNull()
    }
}
