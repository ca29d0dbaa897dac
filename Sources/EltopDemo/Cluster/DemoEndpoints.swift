import EltopPostgres

/// Where a running demo can be reached: both servers on loopback, trust-authenticated (decision in
/// docs/demo.md: throwaway clusters of generated data, reachable from this machine only, no password to leak).
public struct DemoEndpoints: Sendable, Equatable {
    public static let sourceDatabase = "dvdrental"
    public static let warehouseDatabase = "warehouse"

    public var sourcePort: Int
    public var warehousePort: Int

    public init(sourcePort: Int, warehousePort: Int) {
        self.sourcePort = sourcePort
        self.warehousePort = warehousePort
    }

    /// The source as eltop's least-privilege role reads it.
    public var sourceURL: String { "postgresql://\(DVDRentalSetup.monitorRole)@127.0.0.1:\(sourcePort)/\(Self.sourceDatabase)" }
    /// The source as its owner (setup, traffic, the loader).
    public var sourceAdminURL: String { "postgresql://postgres@127.0.0.1:\(sourcePort)/\(Self.sourceDatabase)" }
    /// The source as the tracer writes its probe row (only `eltop_probe`'s rows).
    public var probeWriterURL: String { "postgresql://\(DVDRentalSetup.probeRole)@127.0.0.1:\(sourcePort)/\(Self.sourceDatabase)" }
    /// The warehouse as dbt and the loader write it.
    public var warehouseURL: String { "postgresql://postgres@127.0.0.1:\(warehousePort)/\(Self.warehouseDatabase)" }
    /// The warehouse as eltop's dashboard reads it (`pg_read_all_data`, no write).
    public var warehouseReaderURL: String { "postgresql://\(DVDRentalSetup.monitorRole)@127.0.0.1:\(warehousePort)/\(Self.warehouseDatabase)" }

    /// A writable session for setup and loads: no read-only default, a long statement timeout.
    public static func writer(_ url: String, name: String) -> PGConnection {
        PGConnection(conninfo: url, settings: .init(applicationName: name, connectTimeoutSeconds: 5, statementTimeoutMilliseconds: 600_000, readOnly: false))
    }
}
