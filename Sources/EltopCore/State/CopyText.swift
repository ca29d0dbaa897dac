import Foundation

/// What `y` puts on the clipboard: the focused pane's selected row as the line an on-call engineer
/// pastes into a ticket or a chat — the row's key with the fact that matters about it (slot name and
/// lag, job id and its error, node and its error, table and its counts, a timeline line).
///
/// Every text passes through `SecretScrub`, though the state is meant to hold no secret: messages come
/// from other systems (a driver error can quote a connection URL) and the clipboard leaves the machine.
extension DashboardState {
    /// The text for the focused pane's selected row, or nil when the pane lists nothing.
    public var copyText: String? {
        let text: String?
        switch ui.focus {
        case .source: text = selectedRow(.source, in: visibleSlots).map(Self.copyLine)
        case .airbyte: text = selectedRow(.airbyte, in: visibleConnections).map(Self.copyLine)
        case .warehouse: text = selectedRow(.warehouse, in: visibleWarehousePairs).map(Self.copyLine)
        case .dbt: text = selectedRow(.dbt, in: visibleNodes).map(Self.copyLine)
        case .timeline: text = selectedRow(.timeline, in: visibleTimeline).map(Self.copyLine)
        case .tracer: text = selectedRow(.tracer, in: tracer.newestFirst).map(Self.copyLine)
        }
        return text.map(SecretScrub.scrub)
    }

    /// A probe trip: which write, its commit, and each hop's latency so far.
    static func copyLine(_ trip: ProbeTrip) -> String {
        var parts = ["probe trip #\(trip.id) \(trip.operation.rawValue) of \(trip.probeID)", "committed at LSN \(trip.committed.lsn)"]
        for hop in Hop.allCases.dropFirst() {
            parts.append(trip.latency(of: hop).map { "\(hop.title) +\(DurationText.short($0))" } ?? "\(hop.title): not yet")
        }
        if let failure = trip.failure { parts.append("failed: \(failure)") }
        return parts.joined(separator: " · ")
    }

    static func copyLine(_ slot: ReplicationSlot) -> String {
        var parts = [slot.name, "lag \(slot.lagBytes.map(ByteText.short) ?? "unknown")"]
        if let retained = slot.retainedBytes { parts.append("retained \(ByteText.short(retained))") }
        if let wal = slot.walStatus { parts.append("wal_status \(wal.rawValue)") }
        parts.append(slot.active ? "active" : "inactive")
        return parts.joined(separator: " · ")
    }

    static func copyLine(_ connection: AirbyteConnection) -> String {
        guard let job = connection.jobs.first else { return "\(connection.name) (\(connection.id)) · no jobs" }
        var line = "\(connection.name) (\(connection.id)) · job \(job.id) \(job.status.rawValue)"
        if let failure = job.failures.last { line += " · attempt \(failure.attempt): \(failure.message)" }
        return line
    }

    static func copyLine(_ pair: WarehousePair) -> String {
        let sides = [pair.raw, pair.staging].compactMap { $0 }.map { table in
            "\(table.schema).\(table.name) \(table.rows.map(String.init) ?? "?") rows"
        }
        return sides.joined(separator: " · ")
    }

    static func copyLine(_ node: DbtNode) -> String {
        var line = node.uniqueId
        if let status = node.status { line += " · \(status.rawValue)" }
        if let message = node.message, node.failed { line += ": " + message }
        return line
    }

    static func copyLine(_ entry: TimelineEntry) -> String {
        "\(ISO8601DateFormatter().string(from: entry.at)) \(entry.origin.rawValue) \(entry.message)"
    }
}

/// Masks what looks like a credential in text that came from another system: the password of a URL
/// (`postgresql://app:••••@db`), `password=` / `token=` / `secret=` pairs, and bearer tokens.
public enum SecretScrub {
    private static let patterns: [(NSRegularExpression, String)] = [
        (#"(://[^:/@\s]+:)[^@\s]+@"#, "$1••••@"),
        (#"(?i)\b((?:password|passwd|pwd|token|secret|client_secret|api_key)\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)"#, "$1••••"),
        (#"(?i)\b(bearer\s+)\S+"#, "$1••••"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    public static func scrub(_ text: String) -> String {
        var out = text
        for (regex, template) in patterns {
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }
}
