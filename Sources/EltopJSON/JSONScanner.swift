#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only JSON reader over bytes that reads the values a caller asks for and skips the rest
/// without building them.
///
/// Why not `JSONDecoder`: a dbt manifest of 5,000 models is 100 MB, most of it SQL text, and eltop needs
/// a handful of short fields per node. `JSONDecoder` builds a tree of the whole file first (1.4 s and
/// 300 MB, docs/dbt.md); this reader jumps over a skipped string with `memchr` and over a skipped object
/// by counting brackets, so the cost is about one pass over the bytes and no allocation for what is skipped.
///
/// What is read (strings, numbers, literals, the structure around them) is checked against the JSON
/// grammar. Inside a skipped object or array only the structure is checked: strings must end, brackets
/// must match and the input must not end early, but a misspelt literal deep inside a skipped value is not
/// noticed. A truncated document is always an error, never a shorter result: the outer object cannot close.
///
/// The bytes are borrowed: the scanner must not outlive the buffer it was made from.
public struct JSONScanner {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    /// The offset of the next byte to read.
    public private(set) var offset: Int

    /// Nesting deeper than this is refused, so that hostile input cannot make the skip stack grow without bound.
    public static let maximumDepth = 10_000

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, at: 0)
    }

    /// A scanner that starts at `offset` of `bytes`: for a reader that splits a document's work, at a
    /// place it knows (or will check) to be where a value or member starts.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        // An empty buffer may have a nil base; point at a static byte so that no read is ever needed.
        base = bytes.baseAddress ?? UnsafePointer(JSONScanner.emptyByte)
        end = bytes.count
        self.offset = min(max(offset, 0), bytes.count)
    }

    /// Written once, never again, and only ever read: safe to share between threads.
    nonisolated(unsafe) private static let emptyByte: UnsafeMutablePointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return byte
    }()

    // MARK: - Looking ahead

    /// The kind of the next value, after white space.
    public mutating func peekKind() throws -> JSONKind {
        skipWhitespace()
        guard offset < end else { throw error(.unexpectedEnd) }
        switch base[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error(.unexpectedByte(base[offset]))
        }
    }

    /// Fails unless only white space is left: a document is one value.
    public mutating func expectEnd() throws {
        skipWhitespace()
        guard offset == end else { throw error(.trailingBytes) }
    }

    // MARK: - Containers

    /// Calls `body` with each key of the object that starts here; `body` must read or skip the value.
    public mutating func forEachMember(_ body: (inout JSONScanner, JSONKey) throws -> Void) throws {
        try consume(UInt8(ascii: "{"))
        skipWhitespace()
        if try peekByte() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        _ = try members(stoppingAt: nil, body)
    }

    /// `forEachMember`, but it stops before the member whose key starts at `stop`, if the object has
    /// one there: true then, with the scanner at that key; false when the object ended first.
    public mutating func forEachMember(stoppingAt stop: Int, _ body: (inout JSONScanner, JSONKey) throws -> Void) throws -> Bool {
        try consume(UInt8(ascii: "{"))
        skipWhitespace()
        if try peekByte() == UInt8(ascii: "}") {
            offset += 1
            return false
        }
        return try members(stoppingAt: stop, body)
    }

    /// The members of an object from the key here (a member's start, as `forEachMember(stoppingAt:)`
    /// leaves it) to its closing brace.
    public mutating func forEachRemainingMember(_ body: (inout JSONScanner, JSONKey) throws -> Void) throws {
        _ = try members(stoppingAt: nil, body)
    }

    private mutating func members(stoppingAt stop: Int?, _ body: (inout JSONScanner, JSONKey) throws -> Void) throws -> Bool {
        while true {
            skipWhitespace()
            if offset == stop { return true }
            guard try peekByte() == UInt8(ascii: "\"") else { throw error(.expectedKey) }
            let key = try scanStringBytes()
            try consume(UInt8(ascii: ":"))
            skipWhitespace()
            let before = offset
            try body(&self, key)
            if offset == before { try skipValue() }  // the caller ignored the value: skip it for them
            skipWhitespace()
            switch try peekByte() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return false
            default: throw error(.expectedCommaOrEnd)
            }
        }
    }

    /// Calls `body` once per element of the array that starts here; `body` must read or skip the element.
    public mutating func forEachElement(_ body: (inout JSONScanner) throws -> Void) throws {
        try consume(UInt8(ascii: "["))
        skipWhitespace()
        if try peekByte() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            let before = offset
            try body(&self)
            if offset == before { try skipValue() }
            skipWhitespace()
            switch try peekByte() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return
            default: throw error(.expectedCommaOrEnd)
            }
        }
    }

    // MARK: - Scalars

    /// A string value, unescaped.
    public mutating func readString() throws -> String {
        skipWhitespace()
        guard try peekByte() == UInt8(ascii: "\"") else { throw error(.expectedString) }
        return try scanStringBytes().string
    }

    /// A string value as found, unescaped but not made a `String`: for a reader that looks it up or
    /// keeps only some of them. Valid only while the scanner's buffer is.
    public mutating func readStringKey() throws -> JSONKey {
        skipWhitespace()
        guard try peekByte() == UInt8(ascii: "\"") else { throw error(.expectedString) }
        return try scanStringBytes()
    }

    /// Steps over a string value, checked as `readString` checks it, without making a `String` of it.
    public mutating func skipString() throws {
        skipWhitespace()
        guard try peekByte() == UInt8(ascii: "\"") else { throw error(.expectedString) }
        _ = try scanStringBytes()
    }

    /// A string, or nil for `null`.
    public mutating func readOptionalString() throws -> String? {
        if try readNullIfPresent() { return nil }
        return try readString()
    }

    /// An array of strings (`fqn`, `tags`, `depends_on.nodes`).
    public mutating func readStringArray() throws -> [String] {
        var strings: [String] = []
        try forEachElement { scanner in strings.append(try scanner.readString()) }
        return strings
    }

    /// A number as JSON writes it (`-0.5e3`), checked against the grammar before conversion.
    public mutating func readDouble() throws -> Double {
        let token = try scanNumberToken()
        var text = [CChar](repeating: 0, count: token.count + 1)
        for (i, byte) in token.enumerated() { text[i] = CChar(bitPattern: byte) }
        return strtod(text, nil)
    }

    /// An integer; fails for a fraction, an exponent, or a value outside Int64.
    public mutating func readInt64() throws -> Int64 {
        let start = offset
        let token = try scanNumberToken()
        var value: Int64 = 0
        var negative = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw JSONScanError(offset: start, reason: .numberOutOfRange) }
                value = next
            default: throw JSONScanError(offset: start, reason: .notAnInteger)
            }
        }
        return value
    }

    /// A number whose value is whole, as `JSONDecoder` takes an integer: written as one, or with a
    /// fraction or exponent that leaves it whole (`3.0`, `3e2`). Nil for a fraction or a value outside
    /// Int64, so an answer's reader can say which field was wrong; broken JSON throws.
    public mutating func readIntegral() throws -> Int64? {
        var integer = self
        if let value = try? integer.readInt64() {
            self = integer
            return value
        }
        return Int64(exactly: try readDouble())
    }

    public mutating func readBool() throws -> Bool {
        skipWhitespace()
        if try matchLiteral("true") { return true }
        if try matchLiteral("false") { return false }
        throw error(.expectedLiteral)
    }

    public mutating func readNull() throws {
        skipWhitespace()
        guard try matchLiteral("null") else { throw error(.expectedLiteral) }
    }

    /// Reads a `null` if one comes next; true if it did.
    public mutating func readNullIfPresent() throws -> Bool {
        guard try peekKind() == .null else { return false }
        try readNull()
        return true
    }

    // MARK: - Skipping

    /// Skips the next value whatever it is. Scalars are checked fully; containers by structure (see the type's note).
    public mutating func skipValue() throws {
        switch try peekKind() {
        case .string: offset = try endOfString(after: offset + 1) + 1
        case .number: _ = try scanNumberToken()
        case .bool: _ = try readBool()
        case .null: try readNull()
        case .object, .array: try skipContainer()
        }
    }

    /// Jumps over an object or array: strings by `memchr`, everything else byte by byte, with a stack of
    /// the open brackets so that `[}` is refused. The stack is bits in a word (1 for `{`), not an array:
    /// a manifest skips some 300,000 containers, and an array each was an allocation each.
    private mutating func skipContainer() throws {
        var brackets = BracketStack()
        brackets.push(object: base[offset] == UInt8(ascii: "{"))
        offset += 1
        while offset < end {
            switch base[offset] {
            case UInt8(ascii: "\""):
                offset = try endOfString(after: offset + 1) + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard brackets.depth < Self.maximumDepth else { throw error(.tooDeep) }
                brackets.push(object: base[offset] == UInt8(ascii: "{"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard brackets.pop() == (base[offset] == UInt8(ascii: "}")) else { throw error(.mismatchedBracket) }
                if brackets.depth == 0 {
                    offset += 1
                    return
                }
            default: break
            }
            offset += 1
        }
        throw error(.unexpectedEnd)
    }

    // MARK: - Bytes

    private mutating func skipWhitespace() {
        while offset < end {
            switch base[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func peekByte() throws -> UInt8 {
        guard offset < end else { throw error(.unexpectedEnd) }
        return base[offset]
    }

    private mutating func consume(_ byte: UInt8) throws {
        skipWhitespace()
        guard try peekByte() == byte else { throw error(.expected(byte)) }
        offset += 1
    }

    private mutating func matchLiteral(_ literal: StaticString) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - offset >= count else {
            if memcmp(base + offset, literal.utf8Start, end - offset) == 0 { throw error(.unexpectedEnd) }
            return false
        }
        guard memcmp(base + offset, literal.utf8Start, count) == 0 else { return false }
        offset += count
        return true
    }

    /// The offset of the quote that closes the string whose contents start at `start`: its first
    /// sixteen bytes a word at a time (most strings end there, and calling `memchr` for a few bytes
    /// costs more than the search), then `memchr`.
    private func endOfString(after start: Int) throws -> Int {
        var position = start
        while position - start < Self.wordSearchLength, end - position >= 8 {
            let quotes = ByteWord(at: base + position).matching(UInt8(ascii: "\""))
            guard quotes != 0 else {
                position += 8
                continue
            }
            let quote = position + ByteWord.firstOffset(quotes)
            if isClosingQuote(quote, of: start) { return quote }
            position = quote + 1
        }
        while position < end {
            guard let found = memchr(base + position, Int32(UInt8(ascii: "\"")), end - position) else { break }
            let quote = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if isClosingQuote(quote, of: start) { return quote }
            position = quote + 1
        }
        throw JSONScanError(offset: end, reason: .unexpectedEnd)
    }

    /// How many bytes of a string are searched a word at a time before `memchr` takes over.
    private static let wordSearchLength = 16

    /// Whether the quote at `quote` ends the string begun at `start`: it does unless an odd number of backslashes escapes it.
    private func isClosingQuote(_ quote: Int, of start: Int) -> Bool {
        var backslashes = 0
        while quote - backslashes - 1 >= start, base[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
        return backslashes % 2 == 0
    }

    /// The offset of the closing quote of the string whose contents start at `start` when it ends within
    /// its first sixteen bytes with neither a backslash nor a control character before: the common key
    /// or short value, found and checked in one pass. Nil sends the string to the full path.
    private func endOfPlainShortString(after start: Int) -> Int? {
        var position = start
        while position - start < Self.wordSearchLength, end - position >= 8 {
            let word = ByteWord(at: base + position)
            let quotes = word.matching(UInt8(ascii: "\""))
            let special = word.matching(UInt8(ascii: "\\")) | word.controlCharacters()
            guard ByteWord.before(quotes, in: special) == 0 else { return nil }
            if quotes != 0 { return position + ByteWord.firstOffset(quotes) }
            position += 8
        }
        return nil
    }

    /// Reads the string at `offset` (which is its opening quote) and returns its raw bytes, checked for
    /// control characters and escapes in one pass.
    private mutating func scanStringBytes() throws -> JSONKey {
        let start = offset + 1
        if let close = endOfPlainShortString(after: start) {
            offset = close + 1
            return JSONKey(raw: UnsafeBufferPointer(start: base + start, count: close - start))
        }
        let close = try endOfString(after: start)
        let raw = UnsafeBufferPointer(start: base + start, count: close - start)
        var hasEscapes = false
        for byte in raw where byte < 0x20 || byte == UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw JSONScanError(offset: start, reason: .controlCharacterInString) }
            hasEscapes = true
        }
        let key = hasEscapes
            ? JSONKey(unescaped: try JSONUnescape.bytes(raw, at: start))
            : JSONKey(raw: raw)
        offset = close + 1
        return key
    }

    /// The bytes of the number at `offset`, checked against JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func scanNumberToken() throws -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        let start = offset
        func digits() -> Int {
            let from = offset
            while offset < end, base[offset] >= UInt8(ascii: "0"), base[offset] <= UInt8(ascii: "9") { offset += 1 }
            return offset - from
        }
        if offset < end, base[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < end else { throw error(.unexpectedEnd) }
        if base[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if digits() == 0 {
            throw JSONScanError(offset: start, reason: .invalidNumber)
        }
        if offset < end, base[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw JSONScanError(offset: start, reason: .invalidNumber) }
        }
        if offset < end, base[offset] == UInt8(ascii: "e") || base[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < end, base[offset] == UInt8(ascii: "+") || base[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw JSONScanError(offset: start, reason: .invalidNumber) }
        }
        // A number must end at a delimiter: `12abc` is not 12.
        if offset < end {
            switch base[offset] {
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): break
            default: throw JSONScanError(offset: start, reason: .invalidNumber)
            }
        }
        return UnsafeBufferPointer(start: base + start, count: offset - start)
    }

    private func error(_ reason: JSONScanError.Reason) -> JSONScanError {
        JSONScanError(offset: offset, reason: reason)
    }
}

/// What kind of value comes next.
public enum JSONKind: Equatable, Sendable {
    case object, array, string, number, bool, null
}

/// The open brackets of a skipped container, innermost last: the first 64 levels as bits of one word,
/// deeper ones (rare, bounded by `JSONScanner.maximumDepth`) in an array that is only allocated then.
struct BracketStack {
    private var bits: UInt64 = 0
    private var deeper: [Bool] = []
    private(set) var depth = 0

    mutating func push(object: Bool) {
        if depth < 64 {
            bits = bits << 1 | (object ? 1 : 0)
        } else {
            deeper.append(object)
        }
        depth += 1
    }

    /// Whether the innermost bracket was `{`; the stack must not be empty.
    mutating func pop() -> Bool {
        depth -= 1
        if depth >= 64 { return deeper.removeLast() }
        let object = bits & 1 == 1
        bits >>= 1
        return object
    }
}
