import EltopCore
import EltopPostgres
import Foundation

/// Turns the single row of `SourceQuery` into a `SourceReading`. The slots and publications arrive
/// as JSON built by the server (`json_agg`), so one round trip carries them all.
enum SourceRows {
    struct SlotRow: Decodable {
        var slotName: String
        var plugin: String?
        var database: String?
        var active: Bool
        var activePid: Int?
        var lagBytes: Int64?
        var retainedBytes: Int64?
        var restartLsn: String?
        var confirmedFlushLsn: String?
        var walStatus: String?
        var safeWalSize: Int64?
        var conflicting: Bool?
        var inactiveSince: Double?
        var invalidationReason: String?
        var senderPid: Int?
        var senderApplication: String?
        var senderAddress: String?
        var senderState: String?
        var sentLsn, writeLsn, flushLsn, replayLsn: String?
        var writeLag, flushLag, replayLag: Double?
        var spillTxns, spillCount, spillBytes, streamTxns, streamCount, streamBytes, totalTxns, totalBytes: Int64?
        var statsReset: Double?

        /// Spelled out rather than `convertFromSnakeCase`, which rebuilt every key on every poll (a fifth
        /// of an idle poll's CPU).
        enum CodingKeys: String, CodingKey {
            case slotName = "slot_name", plugin, database, active, activePid = "active_pid", lagBytes = "lag_bytes"
            case retainedBytes = "retained_bytes", restartLsn = "restart_lsn", confirmedFlushLsn = "confirmed_flush_lsn"
            case walStatus = "wal_status", safeWalSize = "safe_wal_size", conflicting, inactiveSince = "inactive_since"
            case invalidationReason = "invalidation_reason", senderPid = "sender_pid"
            case senderApplication = "sender_application", senderAddress = "sender_address", senderState = "sender_state"
            case sentLsn = "sent_lsn", writeLsn = "write_lsn", flushLsn = "flush_lsn", replayLsn = "replay_lsn"
            case writeLag = "write_lag", flushLag = "flush_lag", replayLag = "replay_lag"
            case spillTxns = "spill_txns", spillCount = "spill_count", spillBytes = "spill_bytes"
            case streamTxns = "stream_txns", streamCount = "stream_count", streamBytes = "stream_bytes"
            case totalTxns = "total_txns", totalBytes = "total_bytes", statsReset = "stats_reset"
        }
    }

    struct PublicationRow: Decodable {
        var pubname: String
        var puballtables: Bool
        var tables: [String]
    }

    /// - Parameter refused: the parts left out because the role may not read them; each becomes a `MissingGrant`.
    static func reading(from result: PGResult, query: SourceQuery, refused: Set<SourceQuery.Part> = []) throws -> SourceReading {
        guard let row = result.records.first else { throw SourceReadError("the source query returned no row") }
        let decoder = JSONDecoder()
        let slotRows: [SlotRow] = try decode(row["slots"] ?? "[]", "slots", decoder)
        var reading = SourceReading(serverVersion: row["server_version"] ?? "?", slots: slotRows.map(slot))
        reading.serverVersionNumber = query.serverVersionNumber
        reading.currentLSN = row["current_lsn"]
        reading.connectedDatabase = row["database"]
        reading.settings = SourceServerSettings(
            walLevel: row["wal_level"], maxSlotWalKeepSize: row["max_slot_wal_keep_size"], walKeepSize: row["wal_keep_size"])
        if query.parts.contains(.publications) {
            let publications: [PublicationRow] = try decode(row["publications"] ?? "[]", "publications", decoder)
            reading.publications = publications.map { Publication(name: $0.pubname, allTables: $0.puballtables, tables: $0.tables) }
            reading.publishedTableWrites = row.int64("published_writes")
        }
        // Without pg_read_all_stats the server shows only the pid of another role's walsender.
        let hidden = reading.slots.contains { $0.activePID != nil && $0.sender != nil && $0.sender?.state == nil }
        if query.parts.contains(.sender), row.bool("sees_all_stats") == false, hidden {
            reading.missingGrants.append(
                MissingGrant(what: "walsender details (pg_stat_replication)", grant: SourceGrants.monitor(row["role_name"])))
        }
        for part in SourceQuery.Part.allCases where refused.contains(part) {
            reading.missingGrants.append(MissingGrant(what: part.hiddenText, grant: SourceGrants.monitor(row["role_name"])))
        }
        return reading
    }

    private static func decode<T: Decodable>(_ text: String, _ column: String, _ decoder: JSONDecoder) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw SourceReadError("unexpected \(column) from the server: \(error)")
        }
    }

    private static func slot(_ row: SlotRow) -> ReplicationSlot {
        var slot = ReplicationSlot(
            name: row.slotName, plugin: row.plugin ?? "", database: row.database ?? "", active: row.active,
            lagBytes: row.lagBytes, retainedBytes: row.retainedBytes, walStatus: row.walStatus.map(WALStatus.init(rawValue:)))
        slot.activePID = row.activePid
        slot.safeWalSizeBytes = row.safeWalSize
        slot.conflicting = row.conflicting
        slot.inactiveSince = row.inactiveSince.map { Date(timeIntervalSince1970: $0) }
        slot.invalidationReason = row.invalidationReason
        slot.restartLSN = row.restartLsn
        slot.confirmedFlushLSN = row.confirmedFlushLsn
        if let pid = row.senderPid {
            var sender = WalSender(pid: pid)
            sender.applicationName = row.senderApplication
            sender.clientAddress = row.senderAddress
            sender.state = row.senderState
            sender.sentLSN = row.sentLsn
            sender.writeLSN = row.writeLsn
            sender.flushLSN = row.flushLsn
            sender.replayLSN = row.replayLsn
            sender.writeLagSeconds = row.writeLag
            sender.flushLagSeconds = row.flushLag
            sender.replayLagSeconds = row.replayLag
            slot.sender = sender
        }
        if row.totalTxns != nil || row.spillTxns != nil {
            var stats = SlotStatistics()
            stats.spillTransactions = row.spillTxns
            stats.spillCount = row.spillCount
            stats.spillBytes = row.spillBytes
            stats.streamTransactions = row.streamTxns
            stats.streamCount = row.streamCount
            stats.streamBytes = row.streamBytes
            stats.totalTransactions = row.totalTxns
            stats.totalBytes = row.totalBytes
            stats.statsReset = row.statsReset.map { Date(timeIntervalSince1970: $0) }
            slot.stats = stats
        }
        return slot
    }
}

/// The server answered something eltop cannot read.
struct SourceReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The grant texts the pane shows; `pg_monitor` covers everything eltop reads.
enum SourceGrants {
    static func monitor(_ role: String?) -> String {
        "GRANT pg_monitor TO \(role.map { "\"\($0)\"" } ?? "<role>")"
    }
}
