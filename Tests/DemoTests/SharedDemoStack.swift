import EltopDemo
import EltopPostgres
import EltopReplication
import EltopTestSupport
import Foundation

/// One demo stack (both clusters, loaded, raw filled by the demo Airbyte's first sync: the real
/// `PostgresSyncEngine`'s initial snapshot) shared by the tests that only read it, so the suite pays for
/// initdb, the generator and the raw load once. Tests that stop, kill or remove a stack make their own
/// with `DemoTestDirectory`.
enum SharedDemoStack {
    struct Running: Sendable {
        var stack: DemoStack
        var endpoints: DemoEndpoints
    }

    private static let lock = NSLock()
    /// One creation for the whole process: tests ask at the same time, and each must wait for the same stack.
    private nonisolated(unsafe) static var creation: Task<Running, any Error>?
    private nonisolated(unsafe) static var created: DemoStack?

    static func get() async throws -> Running {
        let task = lock.withLock { () -> Task<Running, any Error> in
            if let creation { return creation }
            let task = Task { try await create() }
            creation = task
            return task
        }
        return try await task.value
    }

    private static func create() async throws -> Running {
        let stack = try DemoTestDirectory.makeStack(name: "shared")
        lock.withLock { created = stack }
        atexit { try? SharedDemoStack.created?.removeAll() }
        let (endpoints, _) = try await stack.up(fresh: true, seed: 2005, scale: 1, say: { _ in })
        let connection = SyncConnection(
            connectionId: "shared-demo-stack", sourceConninfo: endpoints.sourceAdminURL, slotName: DVDRentalSetup.slot,
            publicationName: DVDRentalSetup.publication, warehouseConninfo: endpoints.warehouseURL)
        _ = try await PostgresSyncEngine().runSync(connection: connection, syncId: 1, progress: { _ in })
        return Running(stack: stack, endpoints: endpoints)
    }
}

/// Demo directories for tests, under /tmp (world-searchable, so the postgres user reaches them as root).
enum DemoTestDirectory {
    static func makeStack(name: String) throws -> DemoStack {
        let path = "/tmp/eltop-demo-test-\(getpid())-\(name)-\(UUID().uuidString.prefix(6))"
        return DemoStack(directory: DemoDirectory(path: path), binaries: try PostgresServerBinaries.find())
    }
}
