import EltopDemo
import EltopPostgres

/// A table of the publication, with its primary key (Airbyte's cursor-less CDC streams need one).
///
/// Its columns are the demo stage's `SourceColumn`s (types resolved through enums, domains and
/// arrays), so the writer picks each raw column from the one type table, `RawColumnType`.
public struct SourceTable: Equatable, Sendable {
    public var namespace: String
    public var name: String
    public var columns: [SourceColumn]

    public var qualifiedName: String { "\(namespace).\(name)" }
    public var keyIndices: [Int] { columns.indices.filter { columns[$0].isKey } }
}

/// Reads the publication's tables and columns from the source's catalog.
enum PublicationCatalog {
    static let columnsSQL = """
        SELECT pt.schemaname, pt.tablename, a.attname, a.atttypid::int8,
               COALESCE(a.attnum = ANY (i.indkey), false)::text
        FROM pg_publication_tables pt
        JOIN pg_namespace n ON n.nspname = pt.schemaname
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE pt.pubname = $1
        ORDER BY pt.schemaname, pt.tablename, a.attnum
        """

    static func tables(publication: String, source: PGConnection) async throws -> [SourceTable] {
        let result = try await source.query(columnsSQL, [publication])
        let oids = Set(result.rows.compactMap { $0[3].flatMap { UInt32($0) } })
        let types = try await SourceCatalog(connection: source).types(oids: oids)
        var tables: [SourceTable] = []
        for row in result.rows {
            let namespace = row[0] ?? "", name = row[1] ?? ""
            let oid = row[3].flatMap { UInt32($0) } ?? BuiltinTypeOID.text
            let column = SourceColumn(name: row[2] ?? "", type: types[oid] ?? .builtin(oid: oid, name: "unknown"), isKey: row[4] == "true")
            if let last = tables.last, last.namespace == namespace, last.name == name {
                tables[tables.count - 1].columns.append(column)
            } else {
                tables.append(SourceTable(namespace: namespace, name: name, columns: [column]))
            }
        }
        return tables
    }
}
