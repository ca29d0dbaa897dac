import EltopPostgres

/// Turns what went wrong into Airbyte's failure summary: which side failed, and whether a retry helps.
enum FailureClassifier {
    static func classify(_ error: any Error, origin: SyncFailure.Origin, doing what: String) -> any Error {
        if error is SyncFailure || error is CancellationError { return error }
        if let pg = error as? PGError {
            let side = origin == .destination ? "the warehouse" : "the source database"
            switch pg.kind {
            case .connection:
                return SyncFailure(
                    origin: origin, type: .transientError,
                    externalMessage: "Could not reach \(side) while \(what): \(pg.message). Check that it is running and reachable; the next attempt resumes from the last saved state.",
                    internalMessage: pg.message)
            case .query where isTransient(pg.sqlState):
                return SyncFailure(
                    origin: origin, type: .transientError,
                    externalMessage: "\(side.prefix(1).uppercased() + side.dropFirst()) broke off while \(what): \(pg.message). The next attempt resumes from the last saved state.",
                    internalMessage: "\(pg.message) (SQLSTATE \(pg.sqlState ?? "none"))")
            case .query:
                let configStates: Set<String> = ["42501", "42704", "42P01", "3D000", "28000", "28P01", "55000"]
                let type: SyncFailure.FailureType = pg.sqlState.map(configStates.contains) == true ? .configError : .systemError
                return SyncFailure(
                    origin: origin, type: type, externalMessage: "\(side.prefix(1).uppercased() + side.dropFirst()) refused a statement while \(what): \(pg.message)",
                    internalMessage: "\(pg.message) (SQLSTATE \(pg.sqlState ?? "none"))")
            }
        }
        if let decode = error as? DecodeError {
            return SyncFailure(origin: .replication, type: .systemError, externalMessage: "The replication stream could not be decoded: \(decode)")
        }
        return SyncFailure(origin: origin, type: .systemError, externalMessage: "\(what): \(error)")
    }

    /// Connection exceptions (08), lack of resources (53), operator intervention such as a terminated
    /// backend or a shutdown (57) and serialization failures end an attempt that a retry can finish.
    private static func isTransient(_ sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return ["08", "53", "57"].contains(String(sqlState.prefix(2))) || sqlState == "40001" || sqlState == "40P01"
    }

    /// Runs `body`, reporting its failure as coming from `origin`.
    static func attributing<T>(_ origin: SyncFailure.Origin, _ what: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw classify(error, origin: origin, doing: what) }
    }
}
