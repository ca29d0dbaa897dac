import Foundation

/// A filtered, ordered page of jobs: what both APIs' list endpoints ask for.
struct JobQuery: Sendable, Equatable {
    enum Field: String, Sendable { case createdAt, updatedAt }

    var connectionID: String?
    var kinds: Set<DemoJobKind>?
    var statuses: Set<DemoJobStatus>?
    var createdAfter: Int64?
    var createdBefore: Int64?
    var updatedAfter: Int64?
    var updatedBefore: Int64?
    var orderBy: Field = .createdAt
    var descending = false
    var offset = 0
    var limit = 20

    /// The jobs that match, before paging.
    func matching(_ jobs: [DemoJobRecord]) -> [DemoJobRecord] {
        let kept = jobs.filter { job in
            (connectionID.map { $0 == job.connectionID } ?? true)
                && (kinds?.contains(job.kind) ?? true) && (statuses?.contains(job.status) ?? true)
                && (createdAfter.map { job.createdAt >= $0 } ?? true) && (createdBefore.map { job.createdAt <= $0 } ?? true)
                && (updatedAfter.map { job.updatedAt >= $0 } ?? true) && (updatedBefore.map { job.updatedAt <= $0 } ?? true)
        }
        // Ties (jobs created in the same second) keep id order, so a page never shuffles.
        let sorted = kept.sorted { a, b in
            let (x, y) = orderBy == .createdAt ? (a.createdAt, b.createdAt) : (a.updatedAt, b.updatedAt)
            return x == y ? a.id < b.id : x < y
        }
        return descending ? sorted.reversed() : sorted
    }

    func page(_ jobs: [DemoJobRecord]) -> [DemoJobRecord] {
        Array(matching(jobs).dropFirst(offset).prefix(limit))
    }
}
