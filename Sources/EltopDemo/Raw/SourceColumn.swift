/// A column of a published source table, as the raw-layout loader and the streaming applier see it.
///
/// It carries what both readers of the source learn: the publication catalog (types resolved by `SourceCatalog`) and
/// pgoutput's Relation and Type messages give the same name, type OID, key flag and, for user-defined
/// types, what kind of type it is. That is all `RawColumnType` needs to decide how the column lands.
public struct SourceColumn: Sendable, Hashable {
    public var name: String
    public var type: SourceType
    /// Part of the table's primary key (pgoutput: column flag 1 under REPLICA IDENTITY DEFAULT).
    public var isKey: Bool

    public init(name: String, type: SourceType, isKey: Bool) {
        self.name = name
        self.type = type
        self.isKey = isKey
    }
}

/// A source column's type: a built-in type by OID, or a user-defined one described by its kind.
///
/// Enums and domains have OIDs that differ per database, so they are described rather than numbered;
/// a domain keeps its base type (pgoutput's Type message names the base for a domain), an array its
/// element type.
public indirect enum SourceType: Sendable, Hashable {
    /// A built-in scalar type; `oid` is its `pg_type.oid` (`int4` = 23, `numeric` = 1700, …).
    case builtin(oid: UInt32, name: String)
    /// A `CREATE TYPE … AS ENUM` type such as `mpaa_rating`.
    case enumeration(name: String)
    /// A `CREATE DOMAIN` type such as `year`, over its base type.
    case domain(name: String, base: SourceType)
    /// An array of `element` (`text[]`: element `text`).
    case array(element: SourceType)

    /// The type as SQL names it, for casts of the source's text form (`year`, `text[]`, `mpaa_rating`).
    public var sqlName: String {
        switch self {
        case .builtin(_, let name): return name
        case .enumeration(let name), .domain(let name, _): return name
        case .array(let element): return element.sqlName + "[]"
        }
    }
}

/// The OIDs of the built-in types the type table names (`pg_type.dat`; fixed across PostgreSQL versions).
public enum BuiltinTypeOID {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let char: UInt32 = 18
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let time: UInt32 = 1083
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let timetz: UInt32 = 1266
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let tsvector: UInt32 = 3614
    public static let jsonb: UInt32 = 3802
}
