/// A string as it was found in the document: borrowed bytes when it had no escapes (the common case,
/// compared without allocating), its unescaped bytes otherwise. Valid only while the scanner's buffer is.
public struct JSONKey {
    @usableFromInline let raw: UnsafeBufferPointer<UInt8>?
    @usableFromInline let unescaped: [UInt8]

    init(raw: UnsafeBufferPointer<UInt8>) {
        self.raw = raw
        unescaped = []
    }

    init(unescaped: [UInt8]) {
        raw = nil
        self.unescaped = unescaped
    }

    /// The string; invalid UTF-8 becomes U+FFFD, as JSON text from a file may not be valid.
    public var string: String {
        if let raw { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Calls `body` with the key's bytes (after unescaping), without making a `String` of them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let raw { return try body(raw) }
        return try unescaped.withUnsafeBufferPointer(body)
    }

    /// The length in bytes, after unescaping: a reader that wants a few of many keys switches on it
    /// first, so that most keys are told apart by one comparison of integers.
    @inlinable
    public var count: Int { raw?.count ?? unescaped.count }

    /// Whether the key spells `literal`, byte for byte after unescaping. Inlinable, and a loop rather
    /// than `memcmp`: a manifest's reader asks this some ten million times, of keys a few bytes long.
    @inlinable
    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        if let raw = key.raw {
            guard raw.count == count else { return false }
            for i in 0..<count where raw[i] != bytes[i] { return false }
            return true
        }
        guard key.unescaped.count == count else { return false }
        for i in 0..<count where key.unescaped[i] != bytes[i] { return false }
        return true
    }
}
