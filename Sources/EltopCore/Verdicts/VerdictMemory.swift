import Foundation

/// A value and when eltop last saw it change: a walsender's `sent_lsn`, a running job's counts.
public struct ProgressMark: Codable, Equatable, Sendable {
    public var value: String
    public var changedAt: Date

    public init(value: String, changedAt: Date) {
        self.value = value
        self.changedAt = changedAt
    }

    /// The mark after seeing `value` at `at`: the time moves only when the value does.
    public func seeing(_ value: String, at: Date) -> ProgressMark {
        value == self.value ? self : ProgressMark(value: value, changedAt: at)
    }
}

/// One observed number at one moment (safe WAL left, the published tables' write counter).
public struct ValueMark: Codable, Equatable, Sendable {
    public var at: Date
    public var value: Int64

    public init(at: Date, value: Int64) {
        self.at = at
        self.value = value
    }
}

/// The published tables' write counter (`n_tup_ins + n_tup_upd + n_tup_del` summed over the
/// publication's tables) when eltop first saw a job running and when it first saw it finished.
public struct JobWriteMarks: Codable, Equatable, Sendable {
    public var atStart: ValueMark?
    public var atEnd: ValueMark?

    public init(atStart: ValueMark? = nil, atEnd: ValueMark? = nil) {
        self.atStart = atStart
        self.atEnd = atEnd
    }
}

/// What the verdicts need to remember across polls; kept by the reducer (`Reducer+Verdicts`).
public struct VerdictMemory: Codable, Equatable, Sendable {
    /// How many safe-WAL samples are kept per slot: enough for a rate over a few minutes of polls.
    public static let safeWalMarksKept = 32
    /// Jobs whose write marks are kept per connection: the newest and the one before it are compared.
    public static let jobMarksKept = 8

    public var thresholds = VerdictThresholds()
    /// The walsender's `sent_lsn` per slot name.
    public var senderMarks: [String: ProgressMark] = [:]
    /// Records and bytes (emitted and committed) of each running job, by job id.
    public var jobProgress: [Int64: ProgressMark] = [:]
    /// The write counter at each job's observed start and end, by job id.
    public var jobWrites: [Int64: JobWriteMarks] = [:]
    /// `safe_wal_size` per slot since it last grew (oldest first): its shrink rate.
    public var safeWal: [String: [ValueMark]] = [:]

    public init(thresholds: VerdictThresholds = VerdictThresholds()) { self.thresholds = thresholds }
}
