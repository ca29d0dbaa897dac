/// A `Character` travels as a one-character string, so keys and filter input (`Key.character`,
/// `Action.filterInput`) can be recorded with the events that carry them.
///
/// The standard library gives `Character` no `Codable` conformance; this is the one eltop needs, and a
/// string of any other length is refused on decoding rather than cut.
extension Character: @retroactive Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard text.count == 1, let character = text.first else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected one character, got \(text.count)")
        }
        self = character
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(self))
    }
}
