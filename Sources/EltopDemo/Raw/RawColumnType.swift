/// How one source column lands in `raw.<table>`: the column type Airbyte's Postgres source with the
/// Destinations V2 Postgres destination would give it, and the SQL that turns the source's text form of a
/// value into it.
///
/// The source's text form is what both COPY TO (text format, after COPY's own unescaping) and pgoutput
/// (`t` tuple data) deliver, so the initial snapshot loader and the streaming applier write identical raw
/// rows by using the same `RawColumnType` for each column. The table is fixed and documented in
/// docs/demo.md ("the type table"); decisions where Airbyte's output differs from a plain cast are noted
/// on the cases.
public enum RawColumnType: Sendable, Hashable {
    /// int2, int4, int8, oid: Airbyte's `integer` becomes `bigint`.
    case bigint
    /// numeric, float4, float8: Airbyte's `number` becomes `numeric`; NaN and ±Infinity become NULL,
    /// as Airbyte's source sends them.
    case numeric
    case boolean
    case date
    /// timestamp without time zone: Airbyte's `timestamp_without_timezone`.
    case timestamp
    /// timestamp with time zone: Airbyte's `timestamp_with_timezone`.
    case timestamptz
    /// time without time zone.
    case time
    /// json, jsonb: Airbyte's JSON object lands as `jsonb`.
    case jsonb
    /// An array becomes a JSON array of its elements, each converted as its element type would be.
    case jsonArray(element: SourceType)
    /// bytea: Airbyte sends the bytes as a base64 string (no line breaks); the source's text form is the
    /// hex form (`\x…`, `bytea_output = hex`, the default), decoded and re-encoded in SQL.
    case base64Text
    /// Everything else arrives as a string: text, varchar, character(n) (blank-padded exactly as the
    /// source sends it), enum labels, tsvector's text form, uuid, timetz, intervals and unknown types.
    case text

    /// The raw column type for a source type.
    public static func forSource(_ type: SourceType) -> RawColumnType {
        switch type {
        case .enumeration: return .text
        case .domain(_, let base): return forSource(base)
        case .array(let element): return .jsonArray(element: element)
        case .builtin(let oid, _): return forBuiltin(oid: oid)
        }
    }

    private static func forBuiltin(oid: UInt32) -> RawColumnType {
        switch oid {
        case BuiltinTypeOID.int2, BuiltinTypeOID.int4, BuiltinTypeOID.int8, BuiltinTypeOID.oid: return .bigint
        case BuiltinTypeOID.numeric, BuiltinTypeOID.float4, BuiltinTypeOID.float8: return .numeric
        case BuiltinTypeOID.bool: return .boolean
        case BuiltinTypeOID.date: return .date
        case BuiltinTypeOID.timestamp: return .timestamp
        case BuiltinTypeOID.timestamptz: return .timestamptz
        case BuiltinTypeOID.time: return .time
        case BuiltinTypeOID.json, BuiltinTypeOID.jsonb: return .jsonb
        case BuiltinTypeOID.bytea: return .base64Text
        default: return .text
        }
    }

    /// The column's type in the raw table's DDL.
    public var sqlType: String {
        switch self {
        case .bigint: return "bigint"
        case .numeric: return "numeric"
        case .boolean: return "boolean"
        case .date: return "date"
        case .timestamp: return "timestamp without time zone"
        case .timestamptz: return "timestamp with time zone"
        case .time: return "time without time zone"
        case .jsonb, .jsonArray: return "jsonb"
        case .base64Text, .text: return "text"
        }
    }

    /// SQL turning `textExpression` (a SQL expression of type text holding the source's text form, or
    /// NULL) into this raw column's value. NULL stays NULL in every case.
    ///
    /// `textExpression` is used once, so a parameter (`$3`) or a column of a text staging table both work.
    public func conversion(of textExpression: String) -> String {
        let x = "(\(textExpression))"
        switch self {
        case .bigint: return "\(x)::bigint"
        case .numeric: return "nullif(nullif(nullif(\(x), 'NaN'), 'Infinity'), '-Infinity')::numeric"
        case .boolean: return "\(x)::boolean"
        case .date: return "\(x)::date"
        case .timestamp: return "\(x)::timestamp without time zone"
        case .timestamptz: return "\(x)::timestamp with time zone"
        case .time: return "\(x)::time without time zone"
        case .jsonb: return "\(x)::jsonb"
        case .jsonArray(let element): return Self.arrayConversion(x, element: element)
        case .base64Text: return "translate(encode(\(x)::bytea, 'base64'), E'\\n', '')"
        case .text: return x
        }
    }

    /// Arrays: parse with the element's own type (so quoting and NULL elements follow PostgreSQL's array
    /// syntax), then build the JSON array from each element's raw form: numbers stay numbers, strings
    /// strings. `to_jsonb` on the typed array does exactly that for text, numeric and boolean elements.
    private static func arrayConversion(_ x: String, element: SourceType) -> String {
        switch forSource(element) {
        case .text, .jsonArray:
            return "to_jsonb(\(x)::text[])"
        case let elementRaw:
            let castElement = elementRaw.conversion(of: "e")
            let elements = "(SELECT coalesce(jsonb_agg(to_jsonb(\(castElement)) ORDER BY n), '[]'::jsonb) FROM unnest(\(x)::text[]) WITH ORDINALITY AS a(e, n))"
            return "CASE WHEN \(x) IS NULL THEN NULL ELSE \(elements) END"
        }
    }
}
