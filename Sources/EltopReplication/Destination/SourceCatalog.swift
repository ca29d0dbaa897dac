import EltopPostgres

/// A source column as the catalog describes it: enough to pick its raw column type.
public struct SourceColumn: Equatable, Sendable, Codable {
    public var name: String
    /// `format_type` of the column's type, e.g. `integer`, `numeric(4,2)`, `mpaa_rating`, `text[]`, `year`.
    public var typeName: String
    /// `format_type` of the type under a domain (the type itself otherwise), e.g. `integer` for `year`.
    public var baseTypeName: String
    /// `pg_type.typtype` of the column's own type: `b` base, `e` enum, `d` domain, `c` composite, …
    public var typeKind: String
    public var isArray: Bool
    public var isKey: Bool

    public init(name: String, typeName: String, baseTypeName: String, typeKind: String, isArray: Bool, isKey: Bool) {
        self.name = name
        self.typeName = typeName
        self.baseTypeName = baseTypeName
        self.typeKind = typeKind
        self.isArray = isArray
        self.isKey = isKey
    }
}

/// A table of the publication, with its primary key (Airbyte's cursor-less CDC streams need one).
public struct SourceTable: Equatable, Sendable {
    public var namespace: String
    public var name: String
    public var columns: [SourceColumn]

    public var qualifiedName: String { "\(namespace).\(name)" }
    public var keyIndices: [Int] { columns.indices.filter { columns[$0].isKey } }
}

/// Reads the publication's tables and columns from the source's catalog.
enum SourceCatalog {
    static let columnsSQL = """
        SELECT pt.schemaname, pt.tablename, a.attname, format_type(a.atttypid, a.atttypmod),
               format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, NULL), t.typtype,
               (t.typcategory = 'A' OR (t.typtype = 'd' AND bt.typcategory = 'A'))::text,
               COALESCE(a.attnum = ANY (i.indkey), false)::text
        FROM pg_publication_tables pt
        JOIN pg_namespace n ON n.nspname = pt.schemaname
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE pt.pubname = $1
        ORDER BY pt.schemaname, pt.tablename, a.attnum
        """

    static func tables(publication: String, source: PGConnection) async throws -> [SourceTable] {
        let result = try await source.query(columnsSQL, [publication])
        var tables: [SourceTable] = []
        for row in result.rows {
            let namespace = row[0] ?? "", name = row[1] ?? ""
            let column = SourceColumn(
                name: row[2] ?? "", typeName: row[3] ?? "text", baseTypeName: row[4] ?? "text", typeKind: row[5] ?? "b",
                isArray: row[6] == "true", isKey: row[7] == "true")
            if let last = tables.last, last.namespace == namespace, last.name == name {
                tables[tables.count - 1].columns.append(column)
            } else {
                tables.append(SourceTable(namespace: namespace, name: name, columns: [column]))
            }
        }
        return tables
    }
}
