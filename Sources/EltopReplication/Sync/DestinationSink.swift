import EltopPostgres

/// The warehouse side of a sync: batches and the state that covers them commit in one transaction.
struct DestinationSink {
    let warehouse: PGConnection
    let store: WarehouseStateStore
    let syncId: Int64
    let generationId: Int64

    /// Runs `body` and saves `state` in one warehouse transaction; nothing of it stays if any part fails.
    func commit(state: SyncState, _ body: (PGConnection) async throws -> Void) async throws {
        try await FailureClassifier.attributing(.destination, "writing to raw") {
            _ = try await warehouse.query("BEGIN")
            do {
                try await body(warehouse)
                try await store.save(state)
                _ = try await warehouse.query("COMMIT")
            } catch {
                _ = try? await warehouse.query("ROLLBACK")
                throw error
            }
        }
    }

    func apply(_ changes: [RowChange], with writer: RawTableWriter) async throws {
        try await writer.apply(changes, syncId: syncId, generationId: generationId, on: warehouse)
    }
}
