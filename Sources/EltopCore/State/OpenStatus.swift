/// A status word read from another system (dbt, PostgreSQL) that may grow new values: the known words are
/// cases, any other word is kept as it came, so a newer server never fails a decode or is misread.
///
/// Coded as the bare word, exactly as the system writes it, so recordings and `snapshot --json` show it unchanged.
public protocol OpenStatus: Codable {
    init(rawValue: String)
    var rawValue: String { get }
}

extension OpenStatus {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
