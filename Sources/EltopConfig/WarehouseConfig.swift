import Foundation

/// Which warehouse Airbyte loads into: Snowflake (production) or PostgreSQL (the demo and tests).
public enum WarehouseKind: String, CaseIterable, Sendable {
    case snowflake, postgres
}

/// The warehouse whose raw and staging schemas the Warehouse pane watches.
public struct WarehouseConfig: Equatable, Sendable, FeedSettings {
    /// As set; nil lets `effectiveKind` infer it from which settings are present.
    public var kind: WarehouseKind?
    /// The libpq connection string when the warehouse is PostgreSQL.
    public var url: ConnectionString?
    public var snowflake = SnowflakeConfig()
    /// Where Airbyte lands tables.
    public var rawSchema = "raw"
    /// Where dbt builds its staging models.
    public var stagingSchema = "staging"
    public var pollIntervalSeconds: TimeInterval = 30

    public init() {}

    /// The kind to use: as set, else postgres when a URL is given, else snowflake when an account is.
    public var effectiveKind: WarehouseKind? {
        if let kind { return kind }
        if url != nil { return .postgres }
        if snowflake.account != nil { return .snowflake }
        return nil
    }

    public var isConfigured: Bool {
        switch effectiveKind {
        case .postgres: return url != nil
        case .snowflake: return snowflake.isComplete
        case nil: return false
        }
    }

    public var configureHint: String {
        switch effectiveKind {
        case .postgres: return "set ELTOP_WAREHOUSE_URL or warehouse.url in eltop.yaml"
        case .snowflake: return snowflake.configureHint
        case nil: return "set SNOWFLAKE_ACCOUNT (or ELTOP_WAREHOUSE_URL for postgres) or the warehouse section of eltop.yaml"
        }
    }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.choice("kind", as: WarehouseKind.self) { kind = value }
        if let value = yaml.connectionString("url") { url = value }
        snowflake.read(yaml.section("snowflake"))
        if let value = yaml.string("raw_schema") { rawSchema = value }
        if let value = yaml.string("staging_schema") { stagingSchema = value }
        if let value = yaml.interval("poll_interval") { pollIntervalSeconds = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.choice("ELTOP_WAREHOUSE", for: "warehouse.kind", as: WarehouseKind.self) { kind = value }
        if let value = environment.connectionString("ELTOP_WAREHOUSE_URL", for: "warehouse.url") { url = value }
        snowflake.read(environment)
        if let value = environment.string("ELTOP_RAW_SCHEMA", for: "warehouse.raw_schema") { rawSchema = value }
        if let value = environment.string("ELTOP_STAGING_SCHEMA", for: "warehouse.staging_schema") { stagingSchema = value }
    }

    func validate(_ context: LoadContext) {
        snowflake.validate(context, inUse: effectiveKind == .snowflake)
        if effectiveKind == .postgres, snowflake.account != nil {
            context.warning(
                "the warehouse kind is postgres, so the snowflake settings are ignored", at: context.origin(of: "warehouse.kind"),
                key: "warehouse.snowflake", hint: "set the kind to snowflake, or remove the snowflake settings")
        }
        if effectiveKind == .snowflake, url != nil {
            context.warning(
                "the warehouse kind is snowflake, so warehouse.url is ignored", at: context.origin(of: "warehouse.url"),
                key: "warehouse.url", hint: "set the kind to postgres, or remove the url")
        }
    }

    var summaryLines: [(key: String, value: String)] {
        var lines: [(key: String, value: String)] = [("kind", effectiveKind?.rawValue ?? "unset")]
        switch effectiveKind {
        case .postgres: lines.append(("url", url?.redacted ?? "unset"))
        case .snowflake: lines += snowflake.summaryLines.map { ("snowflake.\($0.key)", $0.value) }
        case nil: break
        }
        lines += [
            ("raw_schema", rawSchema), ("staging_schema", stagingSchema),
            ("poll_interval", SummaryFormat.seconds(pollIntervalSeconds)),
        ]
        return lines
    }
}
