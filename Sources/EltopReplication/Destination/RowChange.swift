/// One change to one row, in the source table's column order, ready for the writer.
public struct RowChange: Equatable, Sendable {
    public enum Operation: String, Sendable {
        case upsert = "U"
        case delete = "D"
    }

    public var operation: Operation
    /// The change's WAL record LSN (`_ab_cdc_lsn`): per row, later changes have larger ones.
    public var lsn: LSN
    /// The transaction's commit time, µs since 2000-01-01 (`_ab_cdc_updated_at` / `_ab_cdc_deleted_at`).
    public var commitTime: Int64
    /// The row, or for a delete its key (other columns null).
    public var values: [Tuple.Value]
    /// Set for a transaction the table's snapshot did not see: it may overwrite a snapshot row even when
    /// its record LSN is below the snapshot's (a transaction that wrote before and committed after it).
    public var overridesSnapshotLSN: LSN?

    public init(operation: Operation, lsn: LSN, commitTime: Int64, values: [Tuple.Value], overridesSnapshotLSN: LSN? = nil) {
        self.operation = operation
        self.lsn = lsn
        self.commitTime = commitTime
        self.values = values
        self.overridesSnapshotLSN = overridesSnapshotLSN
    }
}

/// The changes of one batch for one table, one per key: the last change wins, and an unchanged-TOAST
/// value takes the value an earlier change in the batch gave that column.
public struct TableBatch: Sendable {
    public let table: SourceTable
    private let keyIndices: [Int]
    private var order: [[String?]] = []
    private var byKey: [[String?]: RowChange] = [:]
    public private(set) var payloadBytes: Int64 = 0
    /// Changes added, before collapsing them per key: what progress counts as records.
    public private(set) var records: Int64 = 0

    public init(table: SourceTable) {
        self.table = table
        keyIndices = table.keyIndices
    }

    public var count: Int { byKey.count }
    public var isEmpty: Bool { byKey.isEmpty }

    public mutating func add(_ change: RowChange, bytes: Int) {
        payloadBytes += Int64(bytes)
        records += 1
        let key = keyIndices.map { change.values[$0].text }
        guard var previous = byKey[key] else {
            order.append(key)
            byKey[key] = change
            return
        }
        var merged = change
        if change.operation == .upsert {
            for i in merged.values.indices where merged.values[i] == .unchangedToast { merged.values[i] = previous.values[i] }
        }
        if merged.overridesSnapshotLSN == nil { merged.overridesSnapshotLSN = previous.overridesSnapshotLSN }
        previous = merged
        byKey[key] = previous
    }

    /// The changes in first-seen key order.
    public var changes: [RowChange] { order.compactMap { byKey[$0] } }
}
