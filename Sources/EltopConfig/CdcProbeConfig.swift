/// The CDC tracer (`cdc_probe:`): where eltop writes its probe row and where it looks for it.
///
/// Opt-in: without `source_url` the Tracer pane and its keys are hidden. The source URL is its own, not
/// `source.url`, because the dashboard's role must not write: this one's role may only write rows into
/// the probe table (`eltop config check` prints the grants).
public struct CdcProbeConfig: Equatable, Sendable {
    /// A role that may INSERT, UPDATE, DELETE and SELECT the probe table and nothing else.
    public var sourceURL: ConnectionString?
    /// The probe table in the source, `schema.table` or a name on the search path.
    public var table = "eltop_probe"
    /// Its raw table in the warehouse, as the Airbyte connection writes it.
    public var rawTable = "raw.eltop_probe"
    /// The staging model built from it.
    public var stagingTable = "staging.stg_eltop_probe"
    /// The replication slot and the Airbyte connection that carry it; nil: the only (or first) one.
    public var slot: String?
    public var connection: String?

    public init() {}

    public var isConfigured: Bool { sourceURL != nil }

    mutating func read(_ yaml: YAMLSection) {
        if let url = yaml.connectionString("source_url") { sourceURL = url }
        if let value = yaml.string("table") { table = value }
        if let value = yaml.string("raw_table") { rawTable = value }
        if let value = yaml.string("staging_table") { stagingTable = value }
        if let value = yaml.string("slot") { slot = value }
        if let value = yaml.string("connection") { connection = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let url = environment.connectionString("ELTOP_CDC_PROBE_URL", for: "cdc_probe.source_url") { sourceURL = url }
    }

    /// The table name without its schema, as the publication and the Airbyte stream name it.
    public var tableName: String { String(table.split(separator: ".").last ?? Substring(table)) }

    /// The source schema, `public` when the name has none.
    public var tableSchema: String {
        let parts = table.split(separator: ".")
        return parts.count > 1 ? String(parts[0]) : "public"
    }
}
