#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string as it was found in the document: borrowed bytes when it had no escapes (the common case,
/// compared without allocating), its unescaped bytes otherwise. Valid only while the scanner's buffer is.
public struct JSONKey {
    private let raw: UnsafeBufferPointer<UInt8>?
    private let unescaped: [UInt8]

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

    /// Whether the key spells `literal`, byte for byte after unescaping.
    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        if let raw = key.raw {
            return raw.count == count && (count == 0 || memcmp(raw.baseAddress!, literal.utf8Start, count) == 0)
        }
        return key.unescaped.count == count
            && (count == 0 || key.unescaped.withUnsafeBufferPointer { memcmp($0.baseAddress!, literal.utf8Start, count) == 0 })
    }
}
