import Foundation

/// The state as `snapshot --json` prints it. A documented interface (docs/snapshot.md): add fields, never
/// rename them. Absent values are written as `null`, not left out, so scripts can rely on every key.
public struct SnapshotDocument: Encodable {
    public let state: DashboardState

    public init(_ state: DashboardState) { self.state = state }

    enum Keys: String, CodingKey { case generated_at, source, airbyte, warehouse, dbt, tracer, events, verdicts }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(SnapshotTime.string(state.now), forKey: .generated_at)
        try c.encode(SourceSection(state: state), forKey: .source)
        try c.encode(AirbyteSection(state: state), forKey: .airbyte)
        try c.encode(WarehouseSection(state: state), forKey: .warehouse)
        try c.encode(DbtSection(state: state), forKey: .dbt)
        try c.encode(TracerSection(state: state), forKey: .tracer)
        try c.encode(state.timeline.entries.map(TimelineItem.init), forKey: .events)
        try c.encode(state.verdicts.map(VerdictItem.init), forKey: .verdicts)
    }

    /// The document as pretty, key-sorted JSON text: `JSONEncoder`'s, but for the dbt nodes, which
    /// `DbtNodesJSON` writes in the same layout (a large project's nodes were a quarter of a run).
    public func jsonText() throws -> String {
        String(decoding: try jsonBytes(), as: UTF8.self)
    }

    /// `jsonText()`'s UTF-8 bytes, for a writer that sends them on as they are.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = Self.encoder()
        encoder.userInfo[DbtNodesJSON.leftOut] = true
        let nodes = try DbtNodesJSON.text(state.dbt.displayNodes)
        return try DbtNodesJSON.splice(nodes, into: encoder.encode(self))
    }

    /// The encoder of the document's text; without `DbtNodesJSON.leftOut` it writes the whole document.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// ISO-8601 UTC times, as every time in the snapshot is written.
public enum SnapshotTime {
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: false).timeSeparator(.colon).dateSeparator(.dash))
    }

    public static func string(_ date: Date?) -> String? { date.map(string) }
}

/// The three keys every section starts with: `status`, `updated_at`, `error`.
struct SectionHeader {
    let status: Status
    let updatedAt: Date?
    let error: String?

    init(_ feed: Feed, in state: DashboardState) {
        status = state.status(feed)
        updatedAt = state.health(feed).lastSuccessAt
        error = state.health(feed).lastError
    }

    enum Keys: String, CodingKey { case status, updated_at, error }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(status, forKey: .status)
        try c.encode(SnapshotTime.string(updatedAt), forKey: .updated_at)
        try c.encode(error, forKey: .error)
    }
}

/// One timeline entry in `events[]` (the JSON keeps its first name: fields are never renamed).
struct TimelineItem: Encodable {
    let entry: TimelineEntry
    init(_ entry: TimelineEntry) { self.entry = entry }

    enum Keys: String, CodingKey { case at, origin, severity, message }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(SnapshotTime.string(entry.at), forKey: .at)
        try c.encode(entry.origin, forKey: .origin)
        try c.encode(entry.severity, forKey: .severity)
        try c.encode(entry.message, forKey: .message)
    }
}

/// One verdict in `verdicts[]`: `kind`, `area`, `subject`, `severity`, `text`.
struct VerdictItem: Encodable {
    let verdict: Verdict
    init(_ verdict: Verdict) { self.verdict = verdict }

    enum Keys: String, CodingKey { case kind, area, subject, severity, text }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(verdict.kind.rawValue, forKey: .kind)
        try c.encode(verdict.feed.rawValue, forKey: .area)
        try c.encode(verdict.subject, forKey: .subject)
        try c.encode(verdict.severity, forKey: .severity)
        try c.encode(verdict.text, forKey: .text)
    }
}
