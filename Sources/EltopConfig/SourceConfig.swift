import EltopCore
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
    /// Thresholds as written; `thresholds` fills the gaps from the defaults and the sync interval.
    public var lagWarnBytes: Int64?
    public var lagCritBytes: Int64?
    public var retainedWarnBytes: Int64?
    public var retainedCritBytes: Int64?
    public var inactiveWarnSeconds: TimeInterval?
    public var inactiveCritSeconds: TimeInterval?
    /// The Airbyte sync schedule of the connection reading these slots.
    public var syncIntervalSeconds: TimeInterval?
    public var rateWindowSeconds: TimeInterval?

    public init() {}

    public var isConfigured: Bool { connection != nil }
    public var configureHint: String { "set ELTOP_SOURCE_URL or source.url in eltop.yaml" }

    /// The thresholds the pane colours by. Without explicit inactive thresholds, a known sync interval
    /// sets them to 2× (warn) and 4× (crit) the interval: a slot idle for one schedule is normal.
    public var thresholds: SourceThresholds {
        var t = SourceThresholds()
        if let v = lagWarnBytes { t.lagWarnBytes = v }
        if let v = lagCritBytes { t.lagCritBytes = v }
        if let v = retainedWarnBytes { t.retainedWarnBytes = v }
        if let v = retainedCritBytes { t.retainedCritBytes = v }
        if let sync = syncIntervalSeconds {
            t.expectedSyncIntervalSeconds = sync
            t.inactiveWarnSeconds = 2 * sync
            t.inactiveCritSeconds = 4 * sync
        }
        if let v = inactiveWarnSeconds { t.inactiveWarnSeconds = v }
        if let v = inactiveCritSeconds { t.inactiveCritSeconds = v }
        if let v = rateWindowSeconds { t.rateWindowSeconds = v }
        return t
    }

    mutating func read(_ yaml: YAMLSection) {
        if let url = yaml.connectionString("url") { connection = url }
        if let interval = yaml.interval("poll_interval") { pollIntervalSeconds = interval }
        if let names = yaml.stringList("slots") { slots = names.isEmpty ? nil : names }
        lagWarnBytes = yaml.byteSize("lag_warn_bytes") ?? lagWarnBytes
        lagCritBytes = yaml.byteSize("lag_crit_bytes") ?? lagCritBytes
        retainedWarnBytes = yaml.byteSize("retained_warn_bytes") ?? retainedWarnBytes
        retainedCritBytes = yaml.byteSize("retained_crit_bytes") ?? retainedCritBytes
        inactiveWarnSeconds = yaml.interval("inactive_warn_seconds") ?? inactiveWarnSeconds
        inactiveCritSeconds = yaml.interval("inactive_crit_seconds") ?? inactiveCritSeconds
        syncIntervalSeconds = yaml.interval("sync_interval_seconds") ?? syncIntervalSeconds
        rateWindowSeconds = yaml.interval("rate_window_seconds") ?? rateWindowSeconds
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
        let t = thresholds
        return [
            ("url", connection?.redacted ?? "unset"),
            ("poll_interval", SummaryFormat.seconds(pollIntervalSeconds)),
            ("slots", slots?.joined(separator: ", ") ?? "all logical slots"),
            ("lag warn/crit", "\(ByteText.short(t.lagWarnBytes)) / \(ByteText.short(t.lagCritBytes))"),
            ("retained warn/crit", "\(ByteText.short(t.retainedWarnBytes)) / \(ByteText.short(t.retainedCritBytes))"),
            ("inactive warn/crit", "\(SummaryFormat.seconds(t.inactiveWarnSeconds)) / \(SummaryFormat.seconds(t.inactiveCritSeconds))"),
        ]
    }
}
