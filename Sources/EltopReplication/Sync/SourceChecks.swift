import EltopPostgres

/// The source-side preconditions of a sync, each failing with what to do about it.
enum SourceChecks {
    struct Slot {
        var confirmed: LSN
    }

    static func slot(_ connection: SyncConnection, source: PGConnection) async throws -> Slot {
        let rows = try await FailureClassifier.attributing(.source, "looking up the replication slot") {
            try await source.query(
                "SELECT confirmed_flush_lsn::text, active::text, plugin FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()",
                [connection.slotName]).rows
        }
        guard let row = rows.first else {
            throw SyncFailure(
                origin: .source, type: .configError,
                externalMessage: "Replication slot \"\(connection.slotName)\" does not exist in the source database. Create it with SELECT pg_create_logical_replication_slot('\(connection.slotName)', 'pgoutput'), then reset the connection.")
        }
        guard row[2] == "pgoutput" else {
            throw SyncFailure(origin: .source, type: .configError, externalMessage: "Replication slot \"\(connection.slotName)\" uses the \(row[2] ?? "unknown") plugin; the sync needs pgoutput.")
        }
        guard row[1] != "true" else {
            throw SyncFailure(origin: .source, type: .transientError, externalMessage: "Replication slot \"\(connection.slotName)\" is in use by another process; the sync retries once it is free.")
        }
        guard let text = row[0], let confirmed = LSN(text) else {
            throw SyncFailure(origin: .source, type: .configError, externalMessage: "Replication slot \"\(connection.slotName)\" has no confirmed position (it may be invalidated): drop and recreate it, then reset the connection.")
        }
        return Slot(confirmed: confirmed)
    }

    static func publication(_ connection: SyncConnection, source: PGConnection) async throws {
        let rows = try await FailureClassifier.attributing(.source, "looking up the publication") {
            try await source.query("SELECT 1 FROM pg_publication WHERE pubname = $1", [connection.publicationName]).rows
        }
        guard !rows.isEmpty else {
            throw SyncFailure(
                origin: .source, type: .configError,
                externalMessage: "Publication \"\(connection.publicationName)\" does not exist in the source database. Create it with CREATE PUBLICATION \(connection.publicationName) FOR TABLE …, then sync again.")
        }
    }
}
