import EltopPostgres
import Foundation

/// Builds the source database: the schema, the generated rows (COPY), keys and triggers, the CDC setup
/// exactly as the seed's `setup/cdc_setup.sql` does it, the tracer's `eltop_probe` table, and eltop's
/// least-privilege role.
public struct DVDRentalSetup: Sendable {
    public static let slot = "airbyte_slot"
    public static let publication = "airbyte_publication"
    public static let probeTable = "eltop_probe"
    /// The role eltop's dashboard reads the source as: `pg_monitor`, no write (docs/source.md).
    public static let monitorRole = "eltop"
    /// The role the tracer writes its probe as: rows of `eltop_probe` and nothing else (docs/configuration.md).
    public static let probeRole = "eltop_prober"

    /// What loading took, for the benchmark figures in docs/benchmarks.md.
    public struct Report: Sendable {
        public var rows: [DVDRentalTable: Int]
        public var generateSeconds: Double
        public var loadSeconds: Double
    }

    /// A superuser session on the source's `dvdrental` database.
    public let connection: PGConnection

    public init(connection: PGConnection) {
        self.connection = connection
    }

    /// Schema and rows: COPY per table, then keys, foreign keys and triggers.
    public func load(_ generator: DVDRentalGenerator) async throws -> Report {
        let clock = ContinuousClock()
        let generationStart = clock.now
        let tables = generator.generate()
        let generated = clock.now
        try await connection.execute(script: DVDRentalSchema.tables)
        var rows: [DVDRentalTable: Int] = [:]
        for table in tables {
            rows[table.table] = try await connection.copyIn(
                "COPY \(table.table.rawValue) (\(table.columns.joined(separator: ", "))) FROM STDIN", data: table.data)
        }
        try await connection.execute(script: DVDRentalSchema.constraints + "\nANALYZE;")
        return Report(rows: rows, generateSeconds: seconds(generated - generationStart), loadSeconds: seconds(clock.now - generated))
    }

    /// The CDC setup of the seed's `cdc_setup.sql` (wal_level check, the pgoutput slot, REPLICA IDENTITY
    /// DEFAULT, the publication for the 15 tables and the check that it holds them), plus `eltop_probe` as
    /// a 16th published table so the first sync carries it.
    public func configureCDC() async throws {
        let level = try await connection.query("SELECT current_setting('wal_level')").rows.first?[0] ?? ""
        guard level == "logical" else { throw DemoError("the source's wal_level is \(level), CDC needs wal_level = logical") }
        // A slot cannot be created in a transaction that wrote, so it comes first and alone, as in the seed.
        _ = try await connection.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [Self.slot])
        let names = DVDRentalTable.allCases.map(\.rawValue)
        try await connection.execute(
            script: names.map { "ALTER TABLE \($0) REPLICA IDENTITY DEFAULT;" }.joined(separator: "\n")
                + "\nCREATE PUBLICATION \(Self.publication) FOR TABLE \(names.joined(separator: ", "));")
        let published = try await publishedCount()
        guard published == names.count else {
            throw DemoError("pg_publication_tables holds \(published) tables for \(Self.publication), expected \(names.count)")
        }
        try await connection.execute(script: """
            CREATE TABLE \(Self.probeTable) (id bigserial PRIMARY KEY, note text, written_at timestamptz NOT NULL DEFAULT now());
            ALTER PUBLICATION \(Self.publication) ADD TABLE \(Self.probeTable);
            """)
        guard try await publishedCount() == names.count + 1 else { throw DemoError("\(Self.probeTable) did not join \(Self.publication)") }
    }

    /// eltop's role: login, `pg_monitor`, CONNECT, nothing that writes.
    public func createMonitorRole(database: String) async throws {
        try await connection.execute(script: """
            CREATE ROLE \(Self.monitorRole) LOGIN;
            GRANT pg_monitor TO \(Self.monitorRole);
            GRANT CONNECT ON DATABASE \(database) TO \(Self.monitorRole);
            """)
    }

    /// The tracer's role: login, CONNECT, and only SELECT/INSERT/UPDATE/DELETE on the probe table (and
    /// its id sequence), the same grants `eltop config check` prints for a production source.
    public func createProbeRole(database: String) async throws {
        try await connection.execute(script: """
            CREATE ROLE \(Self.probeRole) LOGIN;
            GRANT CONNECT ON DATABASE \(database) TO \(Self.probeRole);
            GRANT USAGE ON SCHEMA public TO \(Self.probeRole);
            GRANT SELECT, INSERT, UPDATE, DELETE ON \(Self.probeTable) TO \(Self.probeRole);
            GRANT USAGE ON SEQUENCE \(Self.probeTable)_id_seq TO \(Self.probeRole);
            """)
    }

    private func publishedCount() async throws -> Int {
        let result = try await connection.query("SELECT count(*) FROM pg_publication_tables WHERE pubname = $1", [Self.publication])
        return Int(result.rows.first?[0] ?? "") ?? 0
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
