import Foundation

/// The jobs of every connection and their one allowed set of transitions:
/// pending → running → succeeded | failed | cancelled, with `incomplete` between a failed attempt
/// and its retry. Every change is saved to the history file: a new job and a cancellation only once
/// they are on disk, the steps of a running job as soon as the disk takes them.
actor JobStore {
    private var contents: JobHistoryFile.Contents
    private let file: JobHistoryFile?
    private let clock: @Sendable () -> Date

    /// Loads the history. A job still active in it was cut off by a stop or a crash of the server:
    /// it is failed with a platform failure, since no worker is left to finish it.
    init(historyURL: URL?, clock: @escaping @Sendable () -> Date) throws {
        self.clock = clock
        file = historyURL.map(JobHistoryFile.init(url:))
        contents = try file?.load() ?? JobHistoryFile.Contents(nextJobID: 1, jobs: [])
        let now = Self.seconds(clock())
        var interrupted = false
        for index in contents.jobs.indices where contents.jobs[index].isActive {
            let failure = AttemptFailure(
                failureOrigin: "airbyte_platform", failureType: "system_error",
                externalMessage: "The server stopped while this job was running; start a new sync.", retryable: false)
            Self.endRunningAttempt(&contents.jobs[index], status: .failed, failure: failure, now: now)
            contents.jobs[index].status = .failed
            contents.jobs[index].updatedAt = now
            interrupted = true
        }
        if interrupted { try file?.save(contents) }
    }

    // MARK: - Reading

    func job(_ id: Int64) -> DemoJobRecord? { contents.jobs.first { $0.id == id } }
    func allJobs() -> [DemoJobRecord] { contents.jobs }
    func activeJob(of connectionID: String) -> DemoJobRecord? { contents.jobs.last { $0.connectionID == connectionID && $0.isActive } }

    /// Airbyte's generation id of a connection: how many resets and clears have emptied it.
    func generation(of connectionID: String) -> Int64 {
        Int64(contents.jobs.filter { $0.connectionID == connectionID && $0.kind != .sync && $0.status == .succeeded }.count)
    }

    // MARK: - Transitions

    /// A new job with its first attempt running, unless the connection already has an active job.
    func createRunning(connectionID: String, kind: DemoJobKind, scheduled: Bool) throws -> DemoJobRecord {
        if let active = activeJob(of: connectionID) { throw DemoJobConflict(connectionID: connectionID, activeJobID: active.id) }
        let now = Self.seconds(clock())
        let job = DemoJobRecord(
            id: contents.nextJobID, connectionID: connectionID, kind: kind, status: .running, createdAt: now, updatedAt: now,
            startedAt: now, attempts: [Self.newAttempt(number: 0, now: now)], isScheduled: scheduled)
        try commit { contents in
            contents.nextJobID += 1
            contents.jobs.append(job)
        }
        return job
    }

    /// Starts the next attempt of a job that is between attempts; nil when the job ended meanwhile.
    func startNextAttempt(_ id: Int64) -> Int? {
        guard let index = index(id), contents.jobs[index].status == .incomplete else { return nil }
        let now = Self.seconds(clock())
        let number = contents.jobs[index].attempts.count
        contents.jobs[index].attempts.append(Self.newAttempt(number: number, now: now))
        contents.jobs[index].status = .running
        contents.jobs[index].updatedAt = now
        save()
        return number
    }

    /// Stores the running attempt's latest counts (a stats flush).
    func flush(_ id: Int64, attempt: Int, streams: [DemoStreamCounts]) {
        guard let index = index(id), contents.jobs[index].status == .running,
              contents.jobs[index].attempts.indices.contains(attempt) else { return }
        contents.jobs[index].attempts[attempt].streams = streams
        contents.jobs[index].attempts[attempt].updatedAt = Self.seconds(clock())
        save()
    }

    func succeed(_ id: Int64, attempt: Int, streams: [DemoStreamCounts]) {
        guard let index = index(id), contents.jobs[index].status == .running else { return }
        let now = Self.seconds(clock())
        contents.jobs[index].attempts[attempt].streams = streams
        Self.endRunningAttempt(&contents.jobs[index], status: .succeeded, failure: nil, now: now)
        contents.jobs[index].status = .succeeded
        contents.jobs[index].updatedAt = now
        save()
    }

    /// Fails the running attempt: the job becomes `incomplete` when another attempt follows, else `failed`.
    func failAttempt(_ id: Int64, attempt: Int, streams: [DemoStreamCounts], failure: AttemptFailure, willRetry: Bool) {
        guard let index = index(id), contents.jobs[index].status == .running else { return }
        let now = Self.seconds(clock())
        contents.jobs[index].attempts[attempt].streams = streams
        Self.endRunningAttempt(&contents.jobs[index], status: .failed, failure: failure, now: now)
        contents.jobs[index].status = willRetry ? .incomplete : .failed
        contents.jobs[index].updatedAt = now
        save()
    }

    /// Cancels an active job; its running attempt fails with a manual cancellation, as Airbyte records it.
    /// A finished job is returned unchanged.
    func cancel(_ id: Int64) throws -> DemoJobRecord? {
        guard let index = index(id) else { return nil }
        guard contents.jobs[index].isActive else { return contents.jobs[index] }
        let now = Self.seconds(clock())
        let failure = AttemptFailure(
            failureOrigin: "airbyte_platform", failureType: "manual_cancellation",
            externalMessage: "The sync was cancelled.", retryable: false)
        try commit { contents in
            Self.endRunningAttempt(&contents.jobs[index], status: .failed, failure: failure, now: now)
            contents.jobs[index].status = .cancelled
            contents.jobs[index].updatedAt = now
        }
        return contents.jobs[index]
    }

    // MARK: - Helpers

    private func index(_ id: Int64) -> Int? { contents.jobs.firstIndex { $0.id == id } }
    /// Saves the state after a transition of a job already running: the job must be able to end even
    /// while the disk refuses writes, so memory goes first and the next save catches the file up.
    private func save() {
        try? file?.save(contents)
    }

    /// Applies a change only once it is on disk: a new job or a cancellation that cannot be recorded did
    /// not happen (the caller answers 500), so no job is left running that nobody runs or cancels.
    private func commit(_ change: (inout JobHistoryFile.Contents) -> Void) throws {
        var next = contents
        change(&next)
        try file?.save(next)
        contents = next
    }

    private static func newAttempt(number: Int, now: Int64) -> DemoAttemptRecord {
        DemoAttemptRecord(number: number, status: .running, createdAt: now, updatedAt: now, endedAt: nil, streams: [], failures: [])
    }

    private static func endRunningAttempt(_ job: inout DemoJobRecord, status: DemoAttemptStatus, failure: AttemptFailure?, now: Int64) {
        guard let last = job.attempts.indices.last, job.attempts[last].status == .running else { return }
        job.attempts[last].status = status
        job.attempts[last].updatedAt = now
        job.attempts[last].endedAt = now
        if let failure { job.attempts[last].failures.append(DemoFailureRecord(failure: failure, timestampMillis: now * 1000)) }
    }

    /// Whole seconds: both APIs write times to the second.
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

/// A sync asked for while the connection already has one running (HTTP 409 on the wire).
public struct DemoJobConflict: Error, Sendable, Equatable {
    public var connectionID: String
    public var activeJobID: Int64
}
