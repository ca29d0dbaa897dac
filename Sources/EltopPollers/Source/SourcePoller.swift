import EltopCore
import EltopPostgres
import Foundation

/// Reads the replication slots of the source database: one statement per poll over one libpq connection
/// (application_name=eltop, read-only, statement_timeout; reconnects after a break).
///
/// When the role is refused a view, the parts reading it are probed one by one, left out, and named in
/// the reading with the grant that would show them, so a least-privilege role still sees its slots.
/// Refused parts are tried again every `retryRefusedEvery` polls, so a grant given later shows up.
///
/// A runner's poll keeps its time limit in libpq's own wait (`DeadlinePoller`): the statements of one
/// poll, and the connect before them, share its deadline. The wait between polls is the connection
/// thread's too (`PacedPoller`): it pauses in poll(2), then sends the statement.
public actor SourcePoller: PacedPoller {
    public nonisolated let feed = Feed.source
    static let retryRefusedEvery = 60

    private let connection: PGConnection
    private let slotNames: [String]?
    private var refused: Set<SourceQuery.Part> = []
    private var pollsSinceRefusal = 0
    /// Asked once, not every poll (a round trip of its own); forgotten after any failed poll, since a
    /// server that went away may come back upgraded.
    private var serverVersion: Int?
    /// The last answer and what it was read as: a quiet server answers the same text poll after poll,
    /// and decoding its JSON columns again was a tenth of an idle dashboard's CPU.
    private var lastAnswer: (result: PGResult, query: SourceQuery, refused: Set<SourceQuery.Part>, reading: SourceReading)?

    /// - Parameter slotNames: the slots to watch; nil watches every logical slot.
    public init(connection: PGConnection, slotNames: [String]?) {
        self.connection = connection
        self.slotNames = slotNames
    }

    /// One poll with no time limit of its own (the session's statement timeout still holds).
    public func poll() async throws -> Reading {
        try await poll(by: nil)
    }

    public func poll(within seconds: Double) async throws -> Reading {
        do {
            return try await poll(by: ContinuousClock.now + .milliseconds(Int64((seconds * 1000).rounded())))
        } catch is PGDeadlinePassed {
            throw PollTimeout(seconds: seconds)
        }
    }

    public func poll(after delay: Double, within seconds: Double, started: @escaping @Sendable () -> Void) async throws -> Reading {
        let pause = Duration.seconds(delay)
        guard let version = serverVersion, refused.isEmpty else {
            // A first poll, one after a failure, or one with parts refused: the pause alone, then the
            // poll as ever (the version asked, the refused parts tried again).
            if delay > 0 { try await connection.pause(pause) }
            started()
            return try await poll(within: seconds)
        }
        do {
            return .source(try await read(version: version) { sql, parameters in
                try await connection.query(sql, parameters, after: pause, within: .seconds(seconds), whenSent: started)
            })
        } catch let error as PGError where error.isPermissionDenied {
            // A grant taken away since the last poll: the parts are probed and the slots read without them.
            return try await poll(within: seconds)
        } catch is PGDeadlinePassed {
            serverVersion = nil
            throw PollTimeout(seconds: seconds)
        } catch {
            serverVersion = nil
            throw error
        }
    }

    public nonisolated func cutWait() -> Bool {
        connection.cutPause()
    }

    private func poll(by deadline: ContinuousClock.Instant?) async throws -> Reading {
        do {
            return try await poll(version: try await knownServerVersion(by: deadline), by: deadline)
        } catch {
            serverVersion = nil
            throw error
        }
    }

    private func knownServerVersion(by deadline: ContinuousClock.Instant?) async throws -> Int {
        if let serverVersion { return serverVersion }
        let version = try await connection.serverVersionNumber(deadline: deadline)
        serverVersion = version
        return version
    }

    private func poll(version: Int, by deadline: ContinuousClock.Instant?) async throws -> Reading {
        if !refused.isEmpty {
            pollsSinceRefusal += 1
            if pollsSinceRefusal >= Self.retryRefusedEvery { refused = [] }
        }
        do {
            return .source(try await read(version: version, by: deadline))
        } catch let error as PGError where error.isPermissionDenied {
            try await findRefusedParts(by: deadline)
            do {
                return .source(try await read(version: version, by: deadline))
            } catch let error as PGError where error.isPermissionDenied {
                throw PGError(kind: .query, message: "\(error.message): \(SourceGrants.monitor(nil)) (pg_replication_slots and pg_current_wal_lsn() are needed)", sqlState: error.sqlState)
            }
        }
    }

    private func read(version: Int, by deadline: ContinuousClock.Instant?) async throws -> SourceReading {
        try await read(version: version) { sql, parameters in try await connection.query(sql, parameters, deadline: deadline) }
    }

    /// The slots, from the one statement `send` runs (at once, or after the pause between polls).
    private func read(version: Int, send: (String, [String?]) async throws -> PGResult) async throws -> SourceReading {
        let query = SourceQuery(serverVersionNumber: version, parts: Set(SourceQuery.Part.allCases).subtracting(refused))
        let parameter = slotNames.map { $0.joined(separator: ",") }
        let result = try await send(query.sql, [parameter])
        if let last = lastAnswer, last.result == result, last.query == query, last.refused == refused { return last.reading }
        let reading = try SourceRows.reading(from: result, query: query, refused: refused)
        lastAnswer = (result, query, refused, reading)
        return reading
    }

    /// Probes each optional part and remembers those the role may not read.
    private func findRefusedParts(by deadline: ContinuousClock.Instant?) async throws {
        for part in SourceQuery.Part.allCases {
            do {
                _ = try await connection.query(part.probe, deadline: deadline)
            } catch let error as PGError where error.isPermissionDenied {
                refused.insert(part)
            }
        }
        pollsSinceRefusal = 0
    }
}
