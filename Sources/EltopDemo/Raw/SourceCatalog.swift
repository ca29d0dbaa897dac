import EltopPostgres

/// Resolves a source's type OIDs into what `RawColumnType` needs: enums, domains over their base,
/// arrays over their element. The sync engine's publication catalog (EltopReplication) reads the
/// columns' OIDs and resolves them here, so snapshot and stream use the same `SourceColumn`s.
public struct SourceCatalog: Sendable {
    public let connection: PGConnection

    public init(connection: PGConnection) {
        self.connection = connection
    }

    /// Resolves type OIDs (as in a pgoutput Relation message) into `SourceType`s, following domains to
    /// their base and arrays to their element.
    public func types(oids: Set<UInt32>) async throws -> [UInt32: SourceType] {
        var rows: [UInt32: TypeRow] = [:]
        var pending = oids
        while !pending.isEmpty {
            let list = "{" + pending.map(String.init).joined(separator: ",") + "}"
            let result = try await connection.query(
                "SELECT oid::int8, typname, typtype, typbasetype::int8, typelem::int8, typcategory FROM pg_type WHERE oid = ANY($1::oid[])", [list])
            pending = []
            for row in result.rows {
                guard let oid = row[0].flatMap({ UInt32($0) }) else { continue }
                let typeRow = TypeRow(
                    name: row[1] ?? "", kind: row[2] ?? "b", base: row[3].flatMap { UInt32($0) } ?? 0,
                    element: row[4].flatMap { UInt32($0) } ?? 0, category: row[5] ?? "")
                rows[oid] = typeRow
                for next in [typeRow.referenced].compactMap({ $0 }) where rows[next] == nil { pending.insert(next) }
            }
        }
        var resolved: [UInt32: SourceType] = [:]
        for oid in oids { resolved[oid] = Self.resolve(oid, rows) }
        return resolved
    }

    private struct TypeRow {
        var name: String, kind: String, base: UInt32, element: UInt32, category: String
        var isArray: Bool { category == "A" && element != 0 }
        var referenced: UInt32? { kind == "d" ? base : (isArray ? element : nil) }
    }

    private static func resolve(_ oid: UInt32, _ rows: [UInt32: TypeRow]) -> SourceType {
        guard let row = rows[oid] else { return .builtin(oid: oid, name: "unknown") }
        if row.kind == "e" { return .enumeration(name: row.name) }
        if row.kind == "d" { return .domain(name: row.name, base: resolve(row.base, rows)) }
        if row.isArray { return .array(element: resolve(row.element, rows)) }
        return .builtin(oid: oid, name: row.name)
    }
}

/// A table by schema and name.
public struct QualifiedTable: Sendable, Hashable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(schema: String = "public", name: String) {
        self.schema = schema
        self.name = name
    }

    public var quoted: String { "\(SQLName.quoted(schema)).\(SQLName.quoted(name))" }
    public var description: String { "\(schema).\(name)" }
}

public struct SourceCatalogError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
