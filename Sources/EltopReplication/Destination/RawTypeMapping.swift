/// How a source column lands in `raw.<table>`: the column's SQL type and the SQL that turns the source's
/// text form (pgoutput `t` values and snapshot rows are both text) into it.
public struct RawColumnType: Equatable, Sendable {
    public var sqlType: String
    /// Builds the conversion from a SQL expression of type `text`.
    public var convert: @Sendable (String) -> String

    public init(sqlType: String, convert: @escaping @Sendable (String) -> String) {
        self.sqlType = sqlType
        self.convert = convert
    }

    public static func == (a: RawColumnType, b: RawColumnType) -> Bool { a.sqlType == b.sqlType && a.convert("v") == b.convert("v") }
}

/// The type table the writer consults; one implementation, so a different table is one change.
public protocol RawTypeMapping: Sendable {
    func rawType(for column: SourceColumn) -> RawColumnType
}

/// Airbyte's mapping for a Postgres source into a Postgres Destinations V2 warehouse: integers →
/// bigint, numeric → numeric (NaN and infinities → null, never a float), arrays → JSON arrays (jsonb),
/// enum, tsvector, bytea and other types → their text form as varchar.
public struct AirbyteRawTypeMapping: RawTypeMapping {
    public init() {}

    public func rawType(for column: SourceColumn) -> RawColumnType {
        if column.isArray { return RawColumnType(sqlType: "jsonb") { "to_jsonb((\($0))::text[])" } }
        let base = column.baseTypeName
        switch base {
        case "smallint", "integer", "bigint", "oid":
            return RawColumnType(sqlType: "bigint") { "(\($0))::bigint" }
        case "real", "double precision":
            return RawColumnType(sqlType: "numeric") { "(NULLIF(NULLIF(NULLIF(\($0), 'NaN'), 'Infinity'), '-Infinity'))::numeric" }
        case "boolean":
            return RawColumnType(sqlType: "boolean") { "(\($0))::boolean" }
        case "date", "timestamp without time zone", "timestamp with time zone", "time without time zone", "time with time zone":
            return RawColumnType(sqlType: base) { "(\($0))::\(base)" }
        case "json", "jsonb":
            return RawColumnType(sqlType: "jsonb") { "(\($0))::jsonb" }
        default:
            if base.hasPrefix("numeric") {
                return RawColumnType(sqlType: "numeric") { "(NULLIF(NULLIF(NULLIF(\($0), 'NaN'), 'Infinity'), '-Infinity'))::numeric" }
            }
            return RawColumnType(sqlType: "varchar") { $0 }
        }
    }
}
