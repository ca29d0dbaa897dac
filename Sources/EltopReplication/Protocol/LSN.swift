import EltopPostgres

/// A WAL position. Ordered, so "has the stream reached the target?" is a comparison.
public struct LSN: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var value: UInt64

    public static let zero = LSN(0)

    public init(_ value: UInt64) { self.value = value }

    /// Parses PostgreSQL's "16/B374D848" form.
    public init?(_ text: String) {
        guard let value = parseLSN(text) else { return nil }
        self.value = value
    }

    public static func < (a: LSN, b: LSN) -> Bool { a.value < b.value }

    /// PostgreSQL's "16/B374D848" form.
    public var description: String { formatLSN(value) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let lsn = LSN(text) else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an LSN: \(text)")) }
        self = lsn
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
