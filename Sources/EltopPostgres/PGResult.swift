/// The rows of one statement, every value as text (libpq's text format) or nil for SQL NULL.
public struct PGResult: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Rows as dictionaries by column name; handy where queries change columns by server version.
    public var records: [PGRecord] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { PGRecord(index: index, values: $0) }
    }
}

/// One row, read by column name.
public struct PGRecord: Sendable {
    let index: [String: Int]
    let values: [String?]

    public subscript(_ column: String) -> String? {
        guard let i = index[column], i < values.count else { return nil }
        return values[i]
    }

    public func int64(_ column: String) -> Int64? { self[column].flatMap { Int64($0) } ?? self[column].flatMap { Double($0) }.map { Int64($0) } }
    public func double(_ column: String) -> Double? { self[column].flatMap(Double.init) }
    /// PostgreSQL booleans arrive as "t"/"f".
    public func bool(_ column: String) -> Bool? { self[column].map { $0 == "t" || $0 == "true" } }
    public func has(_ column: String) -> Bool { index[column] != nil }
}
