/// Reads big-endian integers and strings out of one message's bytes without copying them.
///
/// The decoder's hot loop runs on this; every read checks bounds and throws `truncated` rather than
/// trapping, because the bytes come from the network.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    @inline(__always)
    private mutating func need(_ n: Int) throws {
        guard n >= 0, remaining >= n else { throw DecodeError.truncated(at: offset, needed: n) }
    }

    @inline(__always)
    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always)
    mutating func u16() throws -> UInt16 {
        try need(2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    @inline(__always)
    mutating func u32() throws -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    mutating func u64() throws -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }

    /// Checks that the rest of the message can hold `count` items of at least `minimumBytes` each,
    /// before anything is reserved for them: a garbage count is a truncated message, not gigabytes.
    func ensureRoom(for count: Int, eachAtLeast minimumBytes: Int) throws {
        guard count <= remaining / minimumBytes else { throw DecodeError.truncated(at: offset, needed: count * minimumBytes) }
    }
    mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }

    /// A NUL-terminated string (names in Relation, Type and Origin messages).
    mutating func cString() throws -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw DecodeError.truncated(at: offset, needed: 1) }
        defer { offset = end + 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    /// `n` bytes as UTF-8 text (a column value's text form).
    @inline(__always)
    mutating func text(_ n: Int) throws -> String {
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    }
}

/// Bytes that are not a well-formed replication or pgoutput message.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(at: Int, needed: Int)
    case unknownMessage(UInt8)
    case unknownTupleKind(UInt8)
    case unknownRelation(UInt32)
    case columnCountMismatch(relation: UInt32, expected: Int, got: Int)

    public var description: String {
        switch self {
        case .truncated(let at, let needed): "message truncated at byte \(at) (needed \(needed) more)"
        case .unknownMessage(let kind): "unknown message kind \(Self.describe(kind))"
        case .unknownTupleKind(let kind): "unknown tuple column kind \(Self.describe(kind))"
        case .unknownRelation(let id): "a change for relation \(id) came before its Relation message"
        case .columnCountMismatch(let relation, let expected, let got): "relation \(relation) has \(expected) columns but a tuple has \(got)"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : "0x\(String(byte, radix: 16))"
    }
}
