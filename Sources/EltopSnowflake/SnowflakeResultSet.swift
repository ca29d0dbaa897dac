import Foundation

/// A statement's result: columns from `rowType` and every partition's rows, values as the API sends
/// them (strings or null). Typed access goes through `SnowflakeRow`, which reads each value by its
/// column's type.
public struct SnowflakeResultSet: Equatable, Sendable {
    public var columns: [SnowflakeColumn]
    public var rows: [[String?]]

    public init(columns: [SnowflakeColumn], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }

    public var records: [SnowflakeRow] {
        let index = Dictionary(columns.enumerated().map { ($1.name.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { SnowflakeRow(values: $0, columns: columns, index: index) }
    }
}

/// One row, read by column name (case-insensitive, as Snowflake folds unquoted names).
public struct SnowflakeRow: Sendable {
    let values: [String?]
    let columns: [SnowflakeColumn]
    let index: [String: Int]

    private func raw(_ name: String) -> (String, SnowflakeColumn)? {
        guard let i = index[name.uppercased()], i < values.count, let value = values[i] else { return nil }
        return (value, columns[i])
    }

    public func string(_ name: String) -> String? { raw(name)?.0 }

    /// A `fixed` (NUMBER) value; decimals are truncated.
    public func int64(_ name: String) -> Int64? {
        guard let (text, _) = raw(name) else { return nil }
        // NUMBER(38) holds more than Int64 does; `Int64(_:)` would trap on such a value (or on
        // "inf"/"nan"), so it is nil instead.
        return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
    }

    /// A timestamp or date by its type: `timestamp_*` arrive as epoch seconds with a fraction (the
    /// `_tz` kind adds a space and a timezone offset, which the instant does not need), `date` as days
    /// since the epoch.
    public func date(_ name: String) -> Date? {
        guard let (text, column) = raw(name) else { return nil }
        switch column.type.lowercased() {
        case "date":
            return Double(text).map { Date(timeIntervalSince1970: $0 * 86_400) }
        case "timestamp_ltz", "timestamp_ntz", "timestamp_tz":
            let seconds = text.split(separator: " ").first.flatMap { Double($0) }
            return seconds.map { Date(timeIntervalSince1970: $0) }
        default:
            return nil
        }
    }

    public func bool(_ name: String) -> Bool? {
        guard let (text, _) = raw(name) else { return nil }
        return ["true", "1"].contains(text.lowercased())
    }
}
