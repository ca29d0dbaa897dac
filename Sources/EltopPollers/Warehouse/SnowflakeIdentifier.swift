/// Names in Snowflake SQL as eltop writes them: configured names are case-insensitive, so a plain
/// identifier goes unquoted (Snowflake folds it up, as Airbyte's uppercase tables are named) and any
/// other is quoted as written; names returned by SHOW are exact, so they are always quoted.
enum SnowflakeIdentifier {
    static func configured(_ name: String) -> String {
        let plain = name.range(of: #"^[A-Za-z_][A-Za-z0-9_$]*$"#, options: .regularExpression) != nil
        return plain ? name : quoted(name)
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `schema.table` (or `db.schema.table`) from the config, with the configured database in front
    /// when the name has none.
    static func table(_ name: String, database: String?) -> String {
        let parts = name.split(separator: ".").map { configured(String($0)) }
        let prefix = parts.count < 3 ? database.map { [configured($0)] } ?? [] : []
        return (prefix + parts).joined(separator: ".")
    }
}
