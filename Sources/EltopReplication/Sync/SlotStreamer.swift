import EltopPostgres

/// Reads the slot from the saved position until the server's WAL position at the sync's start, and
/// writes each batch of whole transactions into `raw` together with the state that covers it.
///
/// How far the stream is comes only from Commit end LSNs and keepalives: XLogData headers carry a
/// record's LSN (0/0 for some messages) in a logical walsender, never the server's WAL end.
struct SlotStreamer {
    let replication: ReplicationConnection
    let sink: DestinationSink
    let tables: [String: SourceTable]
    let writers: [String: RawTableWriter]
    let lsnCommit: LSNCommitMode
    let batchRows: Int
    /// A stream that gets no message at all for this long is a failure, not a wait.
    let silenceLimitMilliseconds: Int

    /// Streams up to `target`; returns the last Commit end LSN saved (or `state.lsn` when nothing came).
    func run(
        from start: LSN, to target: LSN, state: inout SyncState, counter: inout StreamProgressCounter,
        report: (SyncProgress) -> Void
    ) async throws -> LSN {
        var cache = RelationCache()
        var pending: [String: TableBatch] = [:]
        var transaction: PgOutputMessage.Begin?
        var transactionLSN = LSN.zero
        var committed = state.lsn ?? start
        var lastMessage = ContinuousClock.now

        func flush(upTo end: LSN) async throws {
            guard end > committed || pending.values.contains(where: { !$0.isEmpty }) else { return }
            var next = state
            next.lsn = max(end, committed)
            let batches = pending.values.filter { !$0.isEmpty }
            try await sink.commit(state: next) { _ in
                for batch in batches { try await sink.apply(batch.changes, with: writers[batch.table.qualifiedName]!) }
            }
            state = next
            committed = next.lsn!
            for batch in batches { counter.committed(batch.table.qualifiedName, records: batch.records, bytes: batch.payloadBytes) }
            pending.removeAll(keepingCapacity: true)
            if lsnCommit == .whileReading {
                try await FailureClassifier.attributing(.source, "confirming the slot") {
                    try await replication.sendStandbyStatus(written: committed.value, flushed: committed.value, applied: committed.value)
                }
            }
            report(counter.progress)
        }

        while true {
            try Task.checkCancellation()
            let batch = try await FailureClassifier.attributing(.source, "reading the replication slot") {
                try await replication.read(timeoutMilliseconds: 200)
            }
            if batch.streamEnded {
                throw SyncFailure(origin: .source, type: .transientError, externalMessage: "The source ended the replication stream before the sync reached \(target)")
            }
            if batch.isEmpty {
                if ContinuousClock.now - lastMessage > .milliseconds(silenceLimitMilliseconds) {
                    throw SyncFailure(
                        origin: .source, type: .transientError,
                        externalMessage: "The source sent nothing for \(silenceLimitMilliseconds / 1000) s while the sync waited to reach \(target); the next attempt resumes from \(committed)")
                }
                continue
            }
            lastMessage = .now
            var reachedTarget = false
            var replyRequested = false
            var emittedAny = false
            for index in 0..<batch.count {
                let (frame, decoded, payloadBytes) = try batch.withMessage(at: index) { message -> (ReplicationFrame, PgOutputMessage?, Int) in
                    let frame = try ReplicationFrame.parse(message)
                    guard case .xLogData(_, _, let offset) = frame else { return (frame, nil, 0) }
                    let payload = UnsafeRawBufferPointer(rebasing: message[offset...])
                    return (frame, try PgOutputDecoder.decode(payload), payload.count)
                }
                switch frame {
                case .keepalive(let walEnd, _, let reply):
                    replyRequested = replyRequested || reply
                    if walEnd >= target && transaction == nil { reachedTarget = true }
                case .xLogData(let recordLSN, _, _):
                    guard let decoded else { break }
                    cache.observe(decoded)
                    switch decoded {
                    case .begin(let begin):
                        transaction = begin
                    case .commit(let commit):
                        transaction = nil
                        transactionLSN = commit.endLSN
                        if commit.endLSN >= target { reachedTarget = true }
                        if pending.values.reduce(0, { $0 + $1.records }) >= Int64(batchRows) { try await flush(upTo: transactionLSN) }
                    case .insert(let id, let new):
                        emittedAny = try add(.upsert, relationId: id, tuple: new, lsn: recordLSN, bytes: payloadBytes, cache: cache, transaction: transaction, state: state, pending: &pending, counter: &counter) || emittedAny
                    case .update(let id, let old, let new):
                        if let old, try keyChanged(old: old, new: new, relationId: id, cache: cache) {
                            _ = try add(.delete, relationId: id, tuple: old, lsn: recordLSN, bytes: 0, cache: cache, transaction: transaction, state: state, pending: &pending, counter: &counter)
                        }
                        emittedAny = try add(.upsert, relationId: id, tuple: new, lsn: recordLSN, bytes: payloadBytes, cache: cache, transaction: transaction, state: state, pending: &pending, counter: &counter) || emittedAny
                    case .delete(let id, let old):
                        emittedAny = try add(.delete, relationId: id, tuple: old, lsn: recordLSN, bytes: payloadBytes, cache: cache, transaction: transaction, state: state, pending: &pending, counter: &counter) || emittedAny
                    case .relation, .type, .origin, .truncate, .message:
                        break  // Airbyte's CDC captures neither TRUNCATE nor DDL
                    }
                }
                // What follows the target belongs to the next sync, which reads it again.
                if reachedTarget { break }
                try Task.checkCancellation()
            }
            if emittedAny { report(counter.progress) }
            if reachedTarget { try await flush(upTo: transactionLSN) }
            if replyRequested {
                let confirmed = lsnCommit == .whileReading ? committed : (state.lsn ?? start)
                try await FailureClassifier.attributing(.source, "answering a keepalive") {
                    try await replication.sendStandbyStatus(written: committed.value, flushed: confirmed.value, applied: confirmed.value)
                }
            }
            if reachedTarget { return committed }
        }
    }

    /// Adds one change of a published table to the pending batch; false when it is not to be written
    /// (a table outside the sync, or a transaction the table's snapshot already holds).
    private func add(
        _ operation: RowChange.Operation, relationId: UInt32, tuple: Tuple, lsn: LSN, bytes: Int, cache: RelationCache,
        transaction: PgOutputMessage.Begin?, state: SyncState, pending: inout [String: TableBatch], counter: inout StreamProgressCounter
    ) throws -> Bool {
        let relation = try cache.relation(for: relationId, tuple: tuple)
        let name = "\(relation.namespace).\(relation.name)"
        guard let table = tables[name] else { return false }
        var override: LSN?
        if let snapshot = state.snapshots[name], let transaction {
            if snapshot.sees(xid: transaction.xid) { return false }
            override = snapshot.lsn
        }
        let values = try reorder(tuple, of: relation, into: table)
        pending[name, default: TableBatch(table: table)].add(
            RowChange(operation: operation, lsn: lsn, commitTime: transaction?.commitTime ?? 0, values: values, overridesSnapshotLSN: override), bytes: bytes)
        counter.emitted(name, records: 1, bytes: Int64(bytes))
        return true
    }

    /// The tuple's values in the catalog's column order (they match unless the table changed since).
    private func reorder(_ tuple: Tuple, of relation: Relation, into table: SourceTable) throws -> [Tuple.Value] {
        if relation.columns.count == table.columns.count && zip(relation.columns, table.columns).allSatisfy({ $0.name == $1.name }) {
            return tuple.values
        }
        var byName: [String: Tuple.Value] = [:]
        for (column, value) in zip(relation.columns, tuple.values) { byName[column.name] = value }
        return table.columns.map { byName[$0.name] ?? .null }
    }

    private func keyChanged(old: Tuple, new: Tuple, relationId: UInt32, cache: RelationCache) throws -> Bool {
        let relation = try cache.relation(for: relationId, tuple: new)
        return relation.keyColumnIndices.contains { old.values[$0] != .null && old.values[$0] != new.values[$0] }
    }
}
