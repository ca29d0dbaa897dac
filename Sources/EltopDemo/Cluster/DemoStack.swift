import EltopPostgres
import Foundation

/// The demo's two clusters in one directory: brings them up (creating, repairing or reusing them) and
/// takes them down.
///
/// Reuse is the normal case: a complete stack (see `StackRecord`) is started where it stopped, on its
/// old ports when they are still free. A directory without a complete record is a half-created demo
/// from a killed run and is rebuilt. Everything here returns or throws with a message; nothing waits
/// without a deadline (pg_ctl's `-t 30`, libpq's connect timeout).
public final class DemoStack: Sendable {
    public let directory: DemoDirectory
    public let source: DemoCluster
    public let warehouse: DemoCluster

    public init(directory: DemoDirectory, binaries: PostgresServerBinaries) {
        self.directory = directory
        source = DemoCluster(name: "source", root: directory.path, binaries: binaries, asPostgres: directory.asPostgres)
        warehouse = DemoCluster(name: "warehouse", root: directory.path, binaries: binaries, asPostgres: directory.asPostgres)
    }

    /// What `up` found and did.
    public enum Outcome: Sendable, Equatable {
        case created
        case reused
        case rebuiltHalfCreated
    }

    /// Brings the stack up. `fresh` removes whatever is there first.
    public func up(fresh: Bool, seed: UInt64, scale: Int, say: @Sendable (String) -> Void) async throws -> (DemoEndpoints, Outcome) {
        var outcome = Outcome.created
        if fresh, directory.exists {
            say("removing the demo in \(directory.path) (--fresh)")
            try removeAll()
        }
        if let record = StackRecord.read(directory.stackFile), record.complete, source.isCreated, warehouse.isCreated {
            if record.scale != scale || record.seed != seed {
                say("reusing the demo in \(directory.path) (scale \(record.scale), seed \(record.seed)); add --fresh to rebuild it at scale \(scale), seed \(seed)")
            }
            let endpoints = try startExisting(record, say: say)
            try await addMissingProbe(endpoints, say: say)
            return (endpoints, .reused)
        }
        if directory.exists {
            say("found a half-created demo in \(directory.path) (a run was stopped during setup): rebuilding it")
            try removeAll()
            outcome = .rebuiltHalfCreated
        }
        let endpoints = try await create(seed: seed, scale: scale, say: say)
        return (endpoints, outcome)
    }

    /// The endpoints of a stack whose servers are both running, else nil.
    public func runningEndpoints() -> DemoEndpoints? {
        guard let s = source.runningPort(), let w = warehouse.runningPort() else { return nil }
        return DemoEndpoints(sourcePort: s, warehousePort: w)
    }

    /// Stops both servers; returns the names of those that were running.
    @discardableResult
    public func down() throws -> [String] {
        var stopped: [String] = []
        for cluster in [source, warehouse] where cluster.runningPid() != nil {
            try cluster.stop()
            stopped.append(cluster.name)
        }
        return stopped
    }

    /// Stops the servers and removes the directory.
    public func removeAll() throws {
        for cluster in [source, warehouse] where cluster.runningPid() != nil {
            try? cluster.stop()
        }
        try directory.remove()
    }

    private func startExisting(_ record: StackRecord, say: @Sendable (String) -> Void) throws -> DemoEndpoints {
        var updated = record
        updated.sourcePort = try start(source, preferring: record.sourcePort, say: say)
        updated.warehousePort = try start(warehouse, preferring: record.warehousePort, say: say)
        if updated != record { try updated.write(directory.stackFile) }
        return DemoEndpoints(sourcePort: updated.sourcePort, warehousePort: updated.warehousePort)
    }

    /// A stack created before the tracer existed lacks its table, publication membership and role.
    private func addMissingProbe(_ endpoints: DemoEndpoints, say: @Sendable (String) -> Void) async throws {
        let admin = DemoEndpoints.writer(endpoints.sourceAdminURL, name: "eltop-demo-setup")
        let added: [String]
        do {
            added = try await DVDRentalSetup(connection: admin).ensureProbe(database: DemoEndpoints.sourceDatabase)
        } catch {
            await admin.close()
            throw DemoError("could not add the tracer's probe to the demo's source (add --fresh to rebuild it): \(error)")
        }
        await admin.close()
        if !added.isEmpty { say("the demo's source predates the tracer: added \(added.joined(separator: ", "))") }
    }

    /// Starts `cluster` unless it runs; on its old port when free, else on a new one (and says so).
    private func start(_ cluster: DemoCluster, preferring port: Int, say: @Sendable (String) -> Void) throws -> Int {
        if let running = cluster.runningPort() { return running }
        var chosen = port
        if !LoopbackPort.isFree(port) {
            chosen = try LoopbackPort.free()
            say("port \(port) of the demo's \(cluster.name) is in use by another program: using \(chosen)")
        }
        do {
            try cluster.start(port: chosen)
        } catch {
            throw DemoError("the demo's \(cluster.name) server did not start (log: \(cluster.logPath)): \(error)")
        }
        return chosen
    }

    private func create(seed: UInt64, scale: Int, say: @Sendable (String) -> Void) async throws -> DemoEndpoints {
        try directory.prepare()
        say("creating the source and warehouse clusters in \(directory.path)")
        try source.create(extraSettings: ["wal_level = logical", "max_replication_slots = 8", "max_wal_senders = 8"])
        try warehouse.create(extraSettings: [])
        let endpoints = DemoEndpoints(
            sourcePort: try start(source, preferring: try LoopbackPort.free(), say: say),
            warehousePort: try start(warehouse, preferring: try LoopbackPort.free(), say: say))
        try await createDatabases(endpoints)

        say("loading dvdrental (seed \(seed), scale \(scale))")
        let sourceAdmin = DemoEndpoints.writer(endpoints.sourceAdminURL, name: "eltop-demo-setup")
        let setup = DVDRentalSetup(connection: sourceAdmin)
        let report = try await setup.load(DVDRentalGenerator(seed: seed, scale: scale))
        say(String(format: "loaded %d rows in %.2f s (generated in %.2f s)", report.rows.values.reduce(0, +), report.loadSeconds, report.generateSeconds))
        try await setup.configureCDC()
        try await setup.createMonitorRole(database: DemoEndpoints.sourceDatabase)
        try await setup.createProbeRole(database: DemoEndpoints.sourceDatabase)

        let warehouseAdmin = DemoEndpoints.writer(endpoints.warehouseURL, name: "eltop-demo-setup")
        // raw stays empty until the demo's Airbyte runs its first sync: that sync's initial snapshot is the
        // one loader of raw, so the demo never holds rows that did not come through the connection.
        try await WarehouseSetup(connection: warehouseAdmin).create()
        await sourceAdmin.close()
        await warehouseAdmin.close()

        try StackRecord(sourcePort: endpoints.sourcePort, warehousePort: endpoints.warehousePort, seed: seed, scale: scale, complete: true)
            .write(directory.stackFile)
        return endpoints
    }

    private func createDatabases(_ endpoints: DemoEndpoints) async throws {
        for (port, name) in [(endpoints.sourcePort, DemoEndpoints.sourceDatabase), (endpoints.warehousePort, DemoEndpoints.warehouseDatabase)] {
            let admin = DemoEndpoints.writer("postgresql://postgres@127.0.0.1:\(port)/postgres", name: "eltop-demo-setup")
            try await admin.execute(script: "CREATE DATABASE \(name)")
            await admin.close()
        }
    }
}
