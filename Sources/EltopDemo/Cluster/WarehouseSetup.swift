import EltopPostgres

/// Builds the local warehouse: the `warehouse` database with the seed's schemas and a read-only role for
/// eltop's Warehouse pane.
public struct WarehouseSetup: Sendable {
    public static let schemas = ["raw", "staging", "marts", "reports"]

    /// A superuser session on the warehouse database.
    public let connection: PGConnection

    public init(connection: PGConnection) {
        self.connection = connection
    }

    public func create() async throws {
        try await connection.execute(script: Self.schemas.map { "CREATE SCHEMA IF NOT EXISTS \($0);" }.joined(separator: "\n") + """

            CREATE ROLE \(DVDRentalSetup.monitorRole) LOGIN;
            GRANT pg_read_all_data, pg_monitor TO \(DVDRentalSetup.monitorRole);
            GRANT CONNECT ON DATABASE \(DemoEndpoints.warehouseDatabase) TO \(DVDRentalSetup.monitorRole);
            """)
    }
}
