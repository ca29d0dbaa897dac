/// What an admin runs once to let eltop's tracer work on a production source, and how the report shows it.
extension CdcProbeConfig {
    /// The role the setup SQL creates when the probe URL names none.
    public static let defaultRole = "eltop_prober"

    /// The probe URL's user, or the default role.
    public var role: String {
        guard let url = sourceURL?.revealed, let scheme = url.range(of: "://") else { return Self.defaultRole }
        let rest = url[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return Self.defaultRole }
        let user = rest[..<at].split(separator: ":").first.map(String.init) ?? ""
        return user.isEmpty ? Self.defaultRole : user
    }

    /// The table, its publication membership, REPLICA IDENTITY and the narrow role: run by an owner.
    public func setupSQL(publication: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(table) (id bigserial PRIMARY KEY, note text, written_at timestamptz NOT NULL DEFAULT now());
        ALTER TABLE \(table) REPLICA IDENTITY DEFAULT;
        ALTER PUBLICATION \(publication) ADD TABLE \(table);
        CREATE ROLE \(role) LOGIN;  -- then set its password, or map it in pg_hba.conf
        GRANT USAGE ON SCHEMA \(tableSchema) TO \(role);
        GRANT SELECT, INSERT, UPDATE, DELETE ON \(table) TO \(role);
        GRANT USAGE ON SEQUENCE \(table)_id_seq TO \(role);
        """
    }

    var summaryLines: [(key: String, value: String)] {
        [
            ("source_url", sourceURL?.redacted ?? "unset (the tracer is off)"),
            ("table", table),
            ("raw_table", rawTable),
            ("staging_table", stagingTable),
            ("slot", slot ?? "the only slot"),
            ("connection", connection ?? "the first connection"),
        ]
    }
}
