/// Per-stream counts of one attempt, reported through the engine's progress callback.
struct StreamProgressCounter {
    private var streams: [String: StreamProgress] = [:]

    init(tables: [SourceTable]) {
        for table in tables { streams[table.qualifiedName] = StreamProgress(namespace: table.namespace, name: table.name) }
    }

    mutating func emitted(_ table: String, records: Int64, bytes: Int64) {
        streams[table]?.recordsEmitted += records
        streams[table]?.bytesEmitted += bytes
    }

    mutating func committed(_ table: String, records: Int64, bytes: Int64) {
        streams[table]?.recordsCommitted += records
        streams[table]?.bytesCommitted += bytes
    }

    var progress: SyncProgress {
        SyncProgress(streams: streams.values.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) })
    }
}
