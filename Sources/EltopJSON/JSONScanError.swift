/// Why a document could not be read, and the byte offset where that became clear.
public struct JSONScanError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unexpectedEnd, trailingBytes, unexpectedByte(UInt8), expected(UInt8), expectedKey, expectedString
        case expectedCommaOrEnd, expectedLiteral, invalidNumber, notAnInteger, numberOutOfRange
        case invalidEscape, controlCharacterInString, mismatchedBracket, tooDeep
    }

    public let offset: Int
    public let reason: Reason

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEnd: what = "the document ends early (truncated?)"
        case .trailingBytes: what = "more text after the document"
        case .unexpectedByte(let byte): what = "unexpected \(Self.show(byte))"
        case .expected(let byte): what = "expected \(Self.show(byte))"
        case .expectedKey: what = "expected a key"
        case .expectedString: what = "expected a string"
        case .expectedCommaOrEnd: what = "expected , or the end of the list"
        case .expectedLiteral: what = "expected true, false or null"
        case .invalidNumber: what = "not a number"
        case .notAnInteger: what = "not an integer"
        case .numberOutOfRange: what = "number out of range"
        case .invalidEscape: what = "invalid escape in a string"
        case .controlCharacterInString: what = "control character in a string"
        case .mismatchedBracket: what = "brackets do not match"
        case .tooDeep: what = "nested too deeply"
        }
        return "\(what) at byte \(offset)"
    }

    private static func show(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16)
    }
}
