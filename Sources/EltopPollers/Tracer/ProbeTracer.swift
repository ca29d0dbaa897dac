import EltopConfig
import EltopCore
import EltopPostgres
import Foundation

/// The client behind the tracer's effects: writes the probe in the source and reads where its change has
/// got to. Answers in `TracerEvent`s; never throws at the runtime.
public struct ProbeTracer: Sendable {
    let writer: ProbeWriter
    let source: PGConnection
    let warehouse: any ProbeWarehouse
    let sourceTable: ProbeTableName
    let rawTable: ProbeTableName
    let stagingTable: ProbeTableName
    let clock: @Sendable () -> Date

    init(source: PGConnection, warehouse: any ProbeWarehouse, table: String, rawTable: String, stagingTable: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.writer = ProbeWriter(connection: source, table: table, clock: clock)
        self.source = source
        self.warehouse = warehouse
        self.sourceTable = ProbeTableName(table)
        self.rawTable = ProbeTableName(rawTable)
        self.stagingTable = ProbeTableName(stagingTable)
        self.clock = clock
    }

    /// A tracer over a Postgres source and a Postgres warehouse (the demo's, or a user's).
    public static func postgres(sourceURL: String, warehouseURL: String, table: String, rawTable: String, stagingTable: String) -> ProbeTracer {
        let warehouse = PGConnection(conninfo: warehouseURL, settings: PGConnection.SessionSettings(applicationName: "eltop-trace"))
        return ProbeTracer(source: source(sourceURL), warehouse: PostgresProbeWarehouse(connection: warehouse), table: table, rawTable: rawTable, stagingTable: stagingTable)
    }

    public func write(_ operation: ProbeOperation, probeID: Int64?, note: String?) async -> TracerEvent {
        await writer.write(operation, probeID: probeID, note: note)
    }

    /// First that the probe table still exists in the source (a cheap catalog lookup), then the layers asked for.
    public func trace(_ request: ProbeTraceRequest) async -> TracerEvent {
        do {
            let present = try await source.query("SELECT to_regclass($1) IS NOT NULL", [sourceTable.regclass]).rows.first?.first ?? nil
            guard present == "t" else {
                return .traceFailed(message: "the probe table \(sourceTable.display) was dropped from the source", missingTable: true, at: clock())
            }
        } catch {
            return .traceFailed(message: "source: \(ErrorText.describe(error))", missingTable: false, at: clock())
        }
        var observation = TraceObservation(at: clock(), raw: nil, rawQuery: nil, staging: nil, stagingQuery: nil)
        do {
            if request.raw {
                (observation.raw, observation.rawQuery) = try await warehouse.rawRows(rawTable, ids: request.probeIDs)
            }
        } catch {
            return failure(error, table: rawTable, fatal: true)
        }
        do {
            if request.staging {
                (observation.staging, observation.stagingQuery) = try await warehouse.stagingRows(stagingTable, ids: request.probeIDs)
            }
        } catch {
            // Before the first transform the staging model may not exist yet: that is a wait, not a failure.
            return failure(error, table: stagingTable, fatal: false)
        }
        observation.at = clock()
        return .traced(observation)
    }

    private func failure(_ error: Error, table: ProbeTableName, fatal: Bool) -> TracerEvent {
        if warehouse.isMissingTable(error) {
            let message = fatal ? "\(table.display) does not exist in the warehouse (dropped, or the stream is not selected in the connection)"
                : "\(table.display) does not exist in the warehouse yet: a transform (t) builds it"
            return .traceFailed(message: message, missingTable: fatal, at: clock())
        }
        return .traceFailed(message: "warehouse: \(ErrorText.describe(error))", missingTable: false, at: clock())
    }
}

extension ProbeTracer {
    /// The tracer `cdc_probe:` asks for; nil when it is off or no warehouse is configured.
    public init?(config: Config) {
        let probe = config.cdcProbe
        guard let sourceURL = probe.sourceURL, config.warehouse.isConfigured else { return nil }
        switch config.warehouse.effectiveKind {
        case .postgres?:
            guard let warehouseURL = config.warehouse.url else { return nil }
            self = .postgres(
                sourceURL: sourceURL.revealed, warehouseURL: warehouseURL.revealed, table: probe.table, rawTable: probe.rawTable,
                stagingTable: probe.stagingTable)
        case .snowflake?:
            self = .snowflake(sourceURL: sourceURL.revealed, config: config.warehouse.snowflake, table: probe.table, rawTable: probe.rawTable, stagingTable: probe.stagingTable)
        case nil:
            return nil
        }
    }

    /// A tracer over a Postgres source and a Snowflake warehouse read through the SQL API. A client that
    /// cannot be built (an unreadable key) makes every trace fail with the reason, as the Warehouse pane does.
    public static func snowflake(sourceURL: String, config: SnowflakeConfig, table: String, rawTable: String, stagingTable: String) -> ProbeTracer {
        let client = Result { try WarehouseFactory.snowflakeClient(config, userAgent: "eltop-trace") }
        let warehouse = SnowflakeProbeWarehouse(client: client, database: config.database, virtualWarehouse: config.warehouse, role: config.role)
        return ProbeTracer(source: source(sourceURL), warehouse: warehouse, table: table, rawTable: rawTable, stagingTable: stagingTable)
    }

    static func source(_ url: String) -> PGConnection {
        PGConnection(conninfo: url, settings: PGConnection.SessionSettings(applicationName: "eltop-probe", readOnly: false))
    }
}
