import Foundation

/// JSON text written straight into bytes, laid out exactly as `JSONEncoder` lays it out with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces a level, `"key" : value`, strings
/// escaped as it escapes them, doubles as it prints them. It exists for the one large list of
/// `snapshot --json` (a 5,000-model project's 18,833 dbt nodes), where `JSONEncoder` building and
/// key-sorting a container per node was a quarter of the whole run; the caller writes the keys in order.
/// `SnapshotEncodingTests` holds it to `JSONEncoder`'s output byte for byte.
struct PrettyJSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A new line indented by `indent` spaces.
    mutating func newline(indent: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
    }

    /// `"name" : ` on a new line; `name` must need no escaping (the snapshot's keys are snake_case ASCII).
    mutating func key(_ name: StaticString, indent: Int) {
        newline(indent: indent)
        bytes.append(0x22)
        append(name)
        append("\" : ")
    }

    mutating func string(_ value: String?) {
        guard var value else { return append("null") }
        value.withUTF8 { utf8 in
            bytes.append(0x22)
            var clean = 0  // bytes of `utf8` before `clean` that need no escape and are not written yet start here
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                escape(byte)
                clean = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
            bytes.append(0x22)
        }
    }

    /// `"` and `\` with a backslash, the five control characters JSON names by letter, the others as `\u00xx`.
    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: append("\\\"")
        case 0x5C: append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

    mutating func number(_ value: Int64?) {
        guard let value else { return append("null") }
        bytes.append(contentsOf: String(value).utf8)
    }

    /// As `JSONEncoder` writes a Double: its `description` without a trailing `.0`; NaN and infinity
    /// are refused as they are there, since JSON has no text for them.
    mutating func number(_ value: Double?, codingPath: @autoclosure () -> [CodingKey]) throws {
        guard let value else { return append("null") }
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath(), debugDescription: "\(value) is not valid JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}
