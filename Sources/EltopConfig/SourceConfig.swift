import Foundation

/// The source PostgreSQL whose logical replication slots feed Airbyte.
public struct SourceConfig: Equatable, Sendable, FeedSettings {
    /// Variables that, when set, let libpq connect on its own with an empty conninfo.
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSERVICEFILE"]

    /// How to reach the database; nil means the area is not configured.
    public var connection: ConnectionString?
    public var pollIntervalSeconds: TimeInterval = 5
    /// Slot names to watch; nil watches every logical slot.
    public var slots: [String]?

    public init() {}

    public var isConfigured: Bool { connection != nil }
    public var configureHint: String { "set ELTOP_SOURCE_URL or source.url in eltop.yaml" }

    mutating func read(_ yaml: YAMLSection) {
        if let url = yaml.connectionString("url") { connection = url }
        if let interval = yaml.interval("poll_interval") { pollIntervalSeconds = interval }
        if let names = yaml.stringList("slots") { slots = names.isEmpty ? nil : names }
    }

    mutating func read(_ environment: EnvironmentReader) {
        readConnection(environment)
    }

    /// `ELTOP_SOURCE_URL` wins; without it (and without `source.url`) libpq's own `PG*` variables
    /// configure the source through an empty conninfo, so a shell already set up for `psql` just works.
    private mutating func readConnection(_ environment: EnvironmentReader) {
        if let url = environment.connectionString("ELTOP_SOURCE_URL", for: "source.url") {
            connection = url
            return
        }
        let libpq = environment.setNames(among: Self.libpqVariables)
        guard connection == nil, let first = libpq.first else { return }
        connection = ConnectionString("", origin: "libpq environment (\(libpq.joined(separator: ", ")))")
        environment.context.record("source.url", at: .environment(first))
    }

    var summaryLines: [(key: String, value: String)] {
        [
            ("url", connection?.redacted ?? "unset"),
            ("poll_interval", SummaryFormat.seconds(pollIntervalSeconds)),
            ("slots", slots?.joined(separator: ", ") ?? "all logical slots"),
        ]
    }
}
