import Foundation

/// What `y` puts on the clipboard: the selected row's key, bare — the value one pastes into a `psql`
/// query, an Airbyte API call, `dbt build --select` or a ticket (slot name, job id, node id, table), the
/// way k9s and lazygit copy a name. The facts about the row are on the screen; a key alone pastes
/// into a command without editing. Timeline entries and probe trips have no key of their own, so they
/// copy their line.
///
/// Every text passes through `SecretScrub`, though the state is meant to hold no secret: messages come
/// from other systems (a driver error can quote a connection URL) and the clipboard leaves the machine.
public struct CopiedKey: Equatable, Sendable {
    /// What the value is ("slot name", "job id"), for the confirmation; nil for a whole line.
    public var kind: String?
    public var value: String
}

extension DashboardState {
    /// The key of the focused pane's selected row, or nil when the pane lists nothing.
    public var copiedKey: CopiedKey? {
        let key: CopiedKey?
        switch ui.focus {
        case .source: key = selectedRow(.source, in: visibleSlots).map { CopiedKey(kind: "slot name", value: $0.name) }
        case .airbyte: key = selectedRow(.airbyte, in: visibleConnections).map(Self.copiedKey)
        case .warehouse: key = selectedRow(.warehouse, in: visibleWarehousePairs).map { CopiedKey(kind: "table", value: $0.key) }
        case .dbt: key = selectedRow(.dbt, in: visibleNodes).map { CopiedKey(kind: "node id", value: $0.uniqueId) }
        case .timeline: key = selectedRow(.timeline, in: visibleTimeline).map { CopiedKey(kind: nil, value: Self.copyLine($0)) }
        case .tracer: key = selectedRow(.tracer, in: tracer.newestFirst).map { CopiedKey(kind: nil, value: Self.copyLine($0)) }
        }
        return key.map { CopiedKey(kind: $0.kind, value: SecretScrub.scrub($0.value)) }
    }

    /// A connection's latest job id, the one its logs and the API's `jobs/get` know it by; a
    /// connection that never ran copies its own id.
    static func copiedKey(_ connection: AirbyteConnection) -> CopiedKey {
        guard let job = connection.jobs.first else { return CopiedKey(kind: "connection id", value: connection.id) }
        return CopiedKey(kind: "job id", value: String(job.id))
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
