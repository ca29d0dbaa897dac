import Foundation

/// Whether a running sync is getting anywhere, from two signals that move on their own: the job's
/// record and byte counts (Airbyte flushes them about every 10 s) and the walsender's `sent_lsn`.
///
/// The slot's `confirmed_flush_lsn` is no help: under Airbyte's default it moves only after the sync.
/// A job only counts as stalled when both have been still for `stallAfterSeconds`; "quiet" is a
/// source with nothing to emit while the walsender still reads WAL (often another database's).
public enum JobPace: Codable, Equatable, Sendable {
    /// The counts moved within the threshold: progressing, however slowly.
    case slow
    /// No new records for `seconds`, but the walsender still advances.
    case quiet(seconds: TimeInterval)
    /// Neither the counts nor the walsender moved for `seconds`. `senderVisible` is false when no
    /// walsender could be read (no active slot, no source configured): the counts alone decided.
    case stalled(seconds: TimeInterval, senderVisible: Bool)

    public var name: String {
        switch self {
        case .slow: return "slow"
        case .quiet: return "quiet"
        case .stalled: return "stalled"
        }
    }

    public var severity: Severity {
        if case .stalled = self { return .warn }
        return .ok
    }

    /// "stalled 12m" or "quiet 12m" for the job's first line in the pane; nil while the job is merely slow.
    public var label: String? {
        switch self {
        case .slow: return nil
        case .quiet(let s): return "quiet \(DurationText.short(s))"
        case .stalled(let s, _): return "stalled \(DurationText.short(s))"
        }
    }

    /// "stalled 12m: no records and no WAL sent" — nil while the job is merely slow.
    public var text: String? {
        switch self {
        case .slow: return nil
        case .quiet(let s): return "quiet \(DurationText.short(s)): no new records, the walsender still advancing"
        case .stalled(let s, true): return "stalled \(DurationText.short(s)): no records and no WAL sent"
        case .stalled(let s, false): return "stalled \(DurationText.short(s)): no records (no walsender visible)"
        }
    }
}

extension DashboardState {
    /// The pace of `job`, nil unless it is running and eltop has seen its counts.
    public func pace(of job: AirbyteJob) -> JobPace? {
        guard job.status.isActive, let counts = verdictMemory.jobProgress[job.id] else { return nil }
        let limit = verdictMemory.thresholds.stallAfterSeconds
        let still = now.timeIntervalSince(counts.changedAt)
        guard still >= limit else { return .slow }
        guard let sender = latestSenderMove else { return .stalled(seconds: still, senderVisible: false) }
        let senderStill = now.timeIntervalSince(sender)
        if senderStill < limit { return .quiet(seconds: still) }
        return .stalled(seconds: min(still, senderStill), senderVisible: true)
    }

    /// When the walsender of any active slot last advanced. Airbyte does not say which slot a
    /// connection reads, so any active slot's walsender moving means the source is being read.
    var latestSenderMove: Date? {
        let active = Set((source.reading?.slots ?? []).filter(\.active).map(\.name))
        return verdictMemory.senderMarks.filter { active.contains($0.key) }.map(\.value.changedAt).max()
    }

    /// What makes a running job's pace change with time alone, for `nextDeadline`: the moments it can
    /// turn quiet or stalled, and the starts of the durations a quiet or stalled job shows.
    var paceClock: (turns: [Date], ages: [Date]) {
        let limit = verdictMemory.thresholds.stallAfterSeconds
        let sender = latestSenderMove
        var turns: [Date] = [], ages: [Date] = []
        for (_, mark) in verdictMemory.jobProgress {
            turns.append(mark.changedAt.addingTimeInterval(limit))
            if let sender { turns.append(sender.addingTimeInterval(limit)) }
            if now.timeIntervalSince(mark.changedAt) >= limit {
                ages.append(max(mark.changedAt, sender.map { now.timeIntervalSince($0) >= limit ? $0 : mark.changedAt } ?? mark.changedAt))
            }
        }
        return (turns, ages)
    }
}
