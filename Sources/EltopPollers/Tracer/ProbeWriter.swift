import EltopCore
import EltopPostgres
import Foundation

/// Writes the tracer's probe row in the source: one transaction that writes, then reads the WAL insert
/// position, so the LSN the pane shows is at or past the change's own record. The role needs only
/// INSERT/UPDATE/DELETE/SELECT on the probe table (docs/configuration.md, `cdc_probe`).
public struct ProbeWriter: Sendable {
    let connection: PGConnection
    let table: ProbeTableName
    let clock: @Sendable () -> Date

    public init(connection: PGConnection, table: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.connection = connection
        self.table = ProbeTableName(table)
        self.clock = clock
    }

    /// eltop's own rows carry notes starting with this; only those are pruned after a day.
    static let notePrefix = "eltop probe "

    public func write(_ operation: ProbeOperation, probeID: Int64?, note: String?) async -> TracerEvent {
        do {
            _ = try await connection.query("BEGIN")
            do {
                let write = try await perform(operation, probeID: probeID, note: note)
                _ = try await connection.query("COMMIT")
                return .probeWritten(write)
            } catch {
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
        } catch let error as ProbeMissing {
            return .probeWriteFailed(operation, message: error.message, missingTable: false, at: clock())
        } catch {
            let missing = (error as? PGError)?.sqlState == "42P01"
            let message = missing ? "the probe table \(table.display) does not exist in the source: run the setup SQL of `eltop config check`" : ErrorText.describe(error)
            return .probeWriteFailed(operation, message: message, missingTable: missing, at: clock())
        }
    }

    private func perform(_ operation: ProbeOperation, probeID: Int64?, note: String?) async throws -> ProbeWrite {
        var statements: [String] = []
        var pruned = 0
        let id: Int64
        switch operation {
        case .insert:
            let prune = "DELETE FROM \(table.quoted) WHERE written_at < now() - interval '1 day' AND note LIKE '\(Self.notePrefix)%' RETURNING id"
            pruned = try await connection.query(prune).rows.count
            let insert = "INSERT INTO \(table.quoted) (note) VALUES ($1) RETURNING id"
            id = try await returnedID(insert, [note], operation: operation)
            statements = [prune, insert]
        case .update:
            let update = "UPDATE \(table.quoted) SET note = $1, written_at = now() WHERE id = $2 RETURNING id"
            id = try await returnedID(update, [note, probeID.map(String.init)], operation: operation)
            statements = [update]
        case .delete:
            let delete = "DELETE FROM \(table.quoted) WHERE id = $1 RETURNING id"
            id = try await returnedID(delete, [probeID.map(String.init)], operation: operation)
            statements = [delete]
        }
        let position = "SELECT extract(epoch FROM now())::text, pg_current_wal_insert_lsn()::text"
        let row = try await connection.query(position).rows.first ?? []
        guard row.count == 2, let epoch = row[0].flatMap(Double.init), let lsn = row[1] else {
            throw ProbeMissing(message: "the source did not return the commit's time and LSN")
        }
        let query = (["BEGIN"] + statements + [position, "COMMIT"]).joined(separator: ";\n")
        return ProbeWrite(operation: operation, probeID: id, note: note, committedAt: Date(timeIntervalSince1970: epoch), lsn: lsn, query: query, pruned: pruned)
    }

    private func returnedID(_ sql: String, _ parameters: [String?], operation: ProbeOperation) async throws -> Int64 {
        let result = try await connection.query(sql, parameters)
        guard let text = result.rows.first?.first ?? nil, let id = Int64(text) else {
            throw ProbeMissing(message: "probe \(parameters.last.flatMap { $0 } ?? "?") is no longer in \(table.display) (deleted outside eltop?): press i for a new one")
        }
        return id
    }
}

/// The write found no row to act on.
struct ProbeMissing: Error {
    var message: String
}

/// A configured `schema.table` name, quoted for SQL and shown as written.
struct ProbeTableName: Sendable {
    let display: String
    let parts: [String]

    init(_ name: String) {
        display = name
        parts = name.split(separator: ".").map(String.init)
    }

    var quoted: String { parts.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ".") }

    /// The name as `to_regclass` reads it.
    var regclass: String { quoted }
}
