// libFuzzer entry for EltopReplication's pgoutput decoder, built by `make fuzz` straight from
// `Decoder/` and `Protocol/` (with `EltopPostgres` reduced to its LSN text, `LSNText.swift`). Each input
// is one CopyData message as the walsender sends it: the frame header is parsed, and for XLogData the
// payload is decoded and, for a change, checked against the relations seen so far in this input —
// every step must end in a value or a `DecodeError`, never a trap or a runaway allocation.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPgOutput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var cache = RelationCache()
    // The whole input as one payload (what the decoder tests feed it) …
    decodeOne(bytes, into: &cache)
    // … and as a frame whose payload follows the header.
    if case .xLogData(_, _, let offset)? = try? ReplicationFrame.parse(bytes), offset <= size {
        decodeOne(UnsafeRawBufferPointer(rebasing: bytes[offset...]), into: &cache)
    }
    return 0
}

private func decodeOne(_ payload: UnsafeRawBufferPointer, into cache: inout RelationCache) {
    guard let message = try? PgOutputDecoder.decode(payload) else { return }
    cache.observe(message)
    switch message {
    case .insert(let id, let new): _ = try? cache.relation(for: id, tuple: new)
    case .update(let id, _, let new): _ = try? cache.relation(for: id, tuple: new)
    case .delete(let id, let old): _ = try? cache.relation(for: id, tuple: old)
    default: break
    }
}
