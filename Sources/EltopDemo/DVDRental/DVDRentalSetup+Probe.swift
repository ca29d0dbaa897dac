import EltopPostgres

extension DVDRentalSetup {
    /// Adds what the tracer needs to a source that may predate it: the probe table, its place in the
    /// publication and the `eltop_prober` role with its grants. Every statement is a no-op when its object
    /// is already there, so a reused demo runs this at each start: a stack created before the tracer
    /// existed gains it instead of failing later with "role does not exist". Returns what it added, for
    /// the demo to say.
    @discardableResult
    public func ensureProbe(database: String) async throws -> [String] {
        var added: [String] = []
        if try await count("SELECT count(*) FROM pg_class WHERE relname = $1 AND relnamespace = 'public'::regnamespace", Self.probeTable) == 0 {
            try await connection.execute(script: "CREATE TABLE \(Self.probeTable) (id bigserial PRIMARY KEY, note text, written_at timestamptz NOT NULL DEFAULT now());")
            added.append("the \(Self.probeTable) table")
        }
        let published = "SELECT count(*) FROM pg_publication_tables WHERE pubname = '\(Self.publication)' AND schemaname = 'public' AND tablename = $1"
        if try await count(published, Self.probeTable) == 0 {
            try await connection.execute(script: "ALTER PUBLICATION \(Self.publication) ADD TABLE \(Self.probeTable);")
            added.append("\(Self.probeTable) in \(Self.publication)")
        }
        if try await count("SELECT count(*) FROM pg_roles WHERE rolname = $1", Self.probeRole) == 0 {
            try await connection.execute(script: "CREATE ROLE \(Self.probeRole) LOGIN;")
            added.append("the \(Self.probeRole) role")
        }
        // GRANT is idempotent: a role that exists but lost a grant gets it back.
        try await connection.execute(script: """
            GRANT CONNECT ON DATABASE \(database) TO \(Self.probeRole);
            GRANT USAGE ON SCHEMA public TO \(Self.probeRole);
            GRANT SELECT, INSERT, UPDATE, DELETE ON \(Self.probeTable) TO \(Self.probeRole);
            GRANT USAGE ON SEQUENCE \(Self.probeTable)_id_seq TO \(Self.probeRole);
            """)
        return added
    }

    private func count(_ sql: String, _ parameter: String) async throws -> Int {
        Int(try await connection.query(sql, [parameter]).rows.first?[0] ?? "") ?? 0
    }
}
