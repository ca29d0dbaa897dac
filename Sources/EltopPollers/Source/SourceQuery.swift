/// The one statement a source poll runs, built for the server's version and the parts the role may read.
///
/// It returns a single row: a few settings, the current LSN, and the slots, publications and published
/// tables' write counter as JSON columns. One round trip, no transaction (autocommit, read-only), no
/// locks beyond the catalog reads every `SELECT` takes. Columns that only some versions have
/// (`wal_status`/`safe_wal_size` 13, `conflicting` 16, `inactive_since`/`invalidation_reason` 17) and
/// the view `pg_stat_replication_slots` (14) are named only where the server has them.
public struct SourceQuery: Equatable, Sendable {
    /// Optional pieces, each reading a view a role may be refused.
    public enum Part: String, CaseIterable, Sendable {
        /// The walsender of each active slot (`pg_stat_replication`).
        case sender
        /// Decoding counters (`pg_stat_replication_slots`, 14+).
        case statistics
        /// Publications, their tables, and those tables' write counters (`pg_publication_tables`, `pg_stat_user_tables`).
        case publications

        /// A cheap statement that fails the same way the part would, to find which one was refused.
        var probe: String {
            switch self {
            case .sender: return "SELECT 1 FROM pg_stat_replication LIMIT 1"
            case .statistics: return "SELECT 1 FROM pg_stat_replication_slots LIMIT 1"
            case .publications: return "SELECT 1 FROM pg_publication_tables t, pg_stat_user_tables u LIMIT 1"
            }
        }

        /// What the pane says is hidden when the part is refused.
        var hiddenText: String {
            switch self {
            case .sender: return "walsender details (pg_stat_replication)"
            case .statistics: return "slot counters (pg_stat_replication_slots)"
            case .publications: return "publications and table writes (pg_publication_tables, pg_stat_user_tables)"
            }
        }
    }

    public let serverVersionNumber: Int
    public let parts: Set<Part>

    /// - Parameter parts: the optional parts to include; those the server lacks are left out anyway.
    public init(serverVersionNumber: Int, parts: Set<Part> = Set(Part.allCases)) {
        self.serverVersionNumber = serverVersionNumber
        self.parts = serverVersionNumber >= 140000 ? parts : parts.subtracting([.statistics])
    }

    /// `$1`: slot names joined by commas, or NULL for every logical slot (slot names are `[a-z0-9_]`).
    public var sql: String {
        let v = serverVersionNumber
        var settings = ["current_setting('server_version') AS server_version", "current_setting('wal_level') AS wal_level"]
        if v >= 130000 {
            settings += ["current_setting('max_slot_wal_keep_size') AS max_slot_wal_keep_size", "current_setting('wal_keep_size') AS wal_keep_size"]
        } else {
            settings.append("current_setting('wal_keep_segments') AS wal_keep_size")
        }
        settings += [
            "current_database() AS database", "current_user AS role_name", "pg_current_wal_lsn()::text AS current_lsn",
            "pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS sees_all_stats",
            "(SELECT coalesce(json_agg(s ORDER BY s.slot_name), '[]') FROM (\(slotsSelect)) s)::text AS slots",
        ]
        if parts.contains(.publications) {
            settings += [
                """
                (SELECT coalesce(json_agg(p ORDER BY p.pubname), '[]') FROM (SELECT pb.pubname, pb.puballtables, \
                coalesce((SELECT json_agg(t.schemaname || '.' || t.tablename ORDER BY t.schemaname, t.tablename) \
                FROM pg_publication_tables t WHERE t.pubname = pb.pubname), '[]') AS tables FROM pg_publication pb) p)::text AS publications
                """,
                """
                (SELECT sum(u.n_tup_ins + u.n_tup_upd + u.n_tup_del)::bigint FROM pg_stat_user_tables u \
                WHERE (u.schemaname, u.relname) IN (SELECT t.schemaname, t.tablename FROM pg_publication_tables t)) AS published_writes
                """,
            ]
        }
        return "SELECT " + settings.joined(separator: ",\n  ")
    }

    /// The slot rows: every column this server has, plus the parts' joins.
    var slotColumns: [String] {
        let v = serverVersionNumber
        var columns = [
            "r.slot_name", "r.plugin", "r.database", "r.active", "r.active_pid",
            "pg_wal_lsn_diff(pg_current_wal_lsn(), r.confirmed_flush_lsn)::bigint AS lag_bytes",
            "pg_wal_lsn_diff(pg_current_wal_lsn(), r.restart_lsn)::bigint AS retained_bytes",
            "r.restart_lsn::text AS restart_lsn", "r.confirmed_flush_lsn::text AS confirmed_flush_lsn",
        ]
        if v >= 130000 { columns += ["r.wal_status", "r.safe_wal_size"] }
        if v >= 160000 { columns.append("r.conflicting") }
        if v >= 170000 { columns += ["extract(epoch FROM r.inactive_since)::float8 AS inactive_since", "r.invalidation_reason"] }
        if parts.contains(.sender) {
            columns += [
                "w.pid AS sender_pid", "w.application_name AS sender_application", "w.client_addr::text AS sender_address",
                "w.state AS sender_state", "w.sent_lsn::text AS sent_lsn", "w.write_lsn::text AS write_lsn",
                "w.flush_lsn::text AS flush_lsn", "w.replay_lsn::text AS replay_lsn",
                "extract(epoch FROM w.write_lag)::float8 AS write_lag", "extract(epoch FROM w.flush_lag)::float8 AS flush_lag",
                "extract(epoch FROM w.replay_lag)::float8 AS replay_lag",
            ]
        }
        if parts.contains(.statistics) {
            columns += [
                "st.spill_txns", "st.spill_count", "st.spill_bytes", "st.stream_txns", "st.stream_count", "st.stream_bytes",
                "st.total_txns", "st.total_bytes", "extract(epoch FROM st.stats_reset)::float8 AS stats_reset",
            ]
        }
        return columns
    }

    var slotsSelect: String {
        var from = "pg_replication_slots r"
        if parts.contains(.sender) { from += " LEFT JOIN pg_stat_replication w ON w.pid = r.active_pid" }
        if parts.contains(.statistics) { from += " LEFT JOIN pg_stat_replication_slots st ON st.slot_name = r.slot_name" }
        return "SELECT \(slotColumns.joined(separator: ", ")) FROM \(from) "
            + "WHERE r.slot_type = 'logical' AND ($1::text IS NULL OR r.slot_name = ANY (string_to_array($1::text, ',')))"
    }
}
