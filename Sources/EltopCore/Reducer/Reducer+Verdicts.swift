import Foundation

/// What the verdicts remember from each reading, applied before the reading replaces the last one:
/// when a walsender or a job's counts last moved, the published tables' write counter at each job's
/// start and end, and how `safe_wal_size` has shrunk.
extension DashboardState {
    mutating func rememberForVerdicts(_ reading: Reading, at: Date) {
        switch reading {
        case .source(let r): rememberSource(r, at: at)
        case .airbyte(let r): rememberAirbyte(r, at: at)
        case .warehouse, .dbt: return
        }
    }

    private mutating func rememberSource(_ reading: SourceReading, at: Date) {
        var senders: [String: ProgressMark] = [:]
        var safe: [String: [ValueMark]] = [:]
        for slot in reading.slots {
            if let sent = slot.sender?.sentLSN {
                senders[slot.name] = verdictMemory.senderMarks[slot.name]?.seeing(sent, at: at) ?? ProgressMark(value: sent, changedAt: at)
            }
            if let left = slot.safeWalSizeBytes {
                var marks = verdictMemory.safeWal[slot.name] ?? []
                // WAL freed (a sync confirmed, or the setting raised): the shrink starts over from here.
                if let last = marks.last, left > last.value { marks = [] }
                if marks.last.map({ $0.at < at }) ?? true { marks.append(ValueMark(at: at, value: left)) }
                safe[slot.name] = Array(marks.suffix(VerdictMemory.safeWalMarksKept))
            }
        }
        verdictMemory.senderMarks = senders
        verdictMemory.safeWal = safe
    }

    private mutating func rememberAirbyte(_ reading: AirbyteReading, at: Date) {
        let before = Dictionary(
            (airbyte.reading?.connections ?? []).flatMap { c in c.jobs.map { ($0.id, $0.status) } }, uniquingKeysWith: { a, _ in a })
        let writes = source.reading?.publishedTableWrites.map { ValueMark(at: source.observedAt, value: $0) }
        // On the first reading every job is old news: its start or end was not seen, so no marks.
        let seen = airbyte.reading != nil
        var progress: [Int64: ProgressMark] = [:]
        var kept: Set<Int64> = []
        for connection in reading.connections {
            for job in connection.jobs.prefix(VerdictMemory.jobMarksKept) {
                kept.insert(job.id)
                var marks = verdictMemory.jobWrites[job.id] ?? JobWriteMarks()
                if seen, job.status.isActive, marks.atStart == nil, before[job.id].map(\.isActive) ?? true { marks.atStart = writes }
                if seen, !job.status.isActive, marks.atEnd == nil, before[job.id]?.isActive == true { marks.atEnd = writes }
                if marks != JobWriteMarks() { verdictMemory.jobWrites[job.id] = marks }
            }
            if let running = connection.runningJob {
                let counts = Self.progressText(running)
                progress[running.id] = verdictMemory.jobProgress[running.id]?.seeing(counts, at: at) ?? ProgressMark(value: counts, changedAt: at)
            }
        }
        verdictMemory.jobProgress = progress
        verdictMemory.jobWrites = verdictMemory.jobWrites.filter { kept.contains($0.key) }
    }

    /// Everything that moves while a sync makes progress, as one comparable value.
    static func progressText(_ job: AirbyteJob) -> String {
        let p = job.progress
        return [p?.recordsEmitted, p?.recordsCommitted ?? job.rowsSynced, p?.bytesEmitted, p?.bytesCommitted ?? job.bytesSynced]
            .map { $0.map(String.init) ?? "-" }.joined(separator: "/")
    }
}
