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
    /// How a raw table's staging model is named, `{table}` standing for the raw name.
    public var stagingNamePattern = "stg_{table}"
    /// Whether to run the freshness query (`MAX(_AIRBYTE_EXTRACTED_AT)`), which on Snowflake needs a
    /// running warehouse and so costs credits.
    public var freshness = true
    /// Seconds between freshness queries: much longer than the row-count poll, see docs/warehouse.md.
    public var freshnessIntervalSeconds: TimeInterval = 900
    /// Postgres: tables whose planner estimate is above this many rows are not `count(*)`ed; the
    /// estimate is shown and marked as one.
    public var exactCountMaxRows: Int64 = 1_000_000
    /// `drift_warn_rows`: |raw − staging rows| above this warns; 0 is off.
    public var driftWarnRows: Int64 = 1000
    /// `raw_stale_after`: seconds after which a raw table's newest row is stale; unset is off.
    public var rawStaleAfterSeconds: TimeInterval?
    /// Where the credentials came from when eltop took them from dbt's profiles.yml, e.g.
    /// "/home/me/.dbt/profiles.yml (profile dvd_rental, target dev)".
    public var dbtProfileOrigin: String?
    /// Why dbt's profiles.yml could not supply the warehouse, when eltop tried it.
    public var dbtProfileProblem: String?

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
        if let dbtProfileProblem, effectiveKind == nil { return "dbt profile: \(dbtProfileProblem)" }
        switch effectiveKind {
        case .postgres: return "set ELTOP_WAREHOUSE_URL or warehouse.url in eltop.yaml"
        case .snowflake: return snowflake.configureHint
        case nil where snowflake.password != nil: return snowflake.configureHint
        case nil: return "set SNOWFLAKE_ACCOUNT (or ELTOP_WAREHOUSE_URL for postgres), the warehouse section of eltop.yaml, or ELTOP_DBT_PROJECT_DIR to use dbt's profiles.yml"
        }
    }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.choice("kind", as: WarehouseKind.self) { kind = value }
        if let value = yaml.connectionString("url") { url = value }
        snowflake.read(yaml.section("snowflake"))
        if let value = yaml.string("raw_schema") { rawSchema = value }
        if let value = yaml.string("staging_schema") { stagingSchema = value }
        if let value = yaml.interval("poll_interval") { pollIntervalSeconds = value }
        if let value = yaml.string("staging_name") { stagingNamePattern = value }
        if let value = yaml.bool("freshness") { freshness = value }
        if let value = yaml.interval("freshness_interval") { freshnessIntervalSeconds = value }
        if let value = yaml.count("exact_count_max_rows") { exactCountMaxRows = value }
        if let value = yaml.count("drift_warn_rows") { driftWarnRows = value }
        if let value = yaml.interval("raw_stale_after") { rawStaleAfterSeconds = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.choice("ELTOP_WAREHOUSE", for: "warehouse.kind", as: WarehouseKind.self) { kind = value }
        if let value = environment.connectionString("ELTOP_WAREHOUSE_URL", for: "warehouse.url") { url = value }
        snowflake.read(environment)
        if let value = environment.string("ELTOP_RAW_SCHEMA", for: "warehouse.raw_schema") { rawSchema = value }
        if let value = environment.string("ELTOP_STAGING_SCHEMA", for: "warehouse.staging_schema") { stagingSchema = value }
        if let value = environment.string("ELTOP_STAGING_NAME", for: "warehouse.staging_name") { stagingNamePattern = value }
        if let value = environment.choice("ELTOP_WAREHOUSE_FRESHNESS", for: "warehouse.freshness", as: Switch.self) { freshness = value == .on }
    }

    /// When eltop's own settings name no warehouse but a dbt project is configured, takes the
    /// warehouse from the project's profiles.yml target. Settings eltop was given win field by field.
    mutating func adoptDbtProfile(of dbt: DbtConfig, context: LoadContext) {
        guard kind == nil, url == nil, snowflake.account == nil, let projectDir = dbt.projectDir else { return }
        let target: DbtProfileTarget
        do {
            target = try DbtProfiles.target(projectDir: projectDir, profilesDir: dbt.profilesDir, environment: context.environment)
        } catch {
            dbtProfileProblem = "\(error)"
            context.warning("the dbt profile gives no usable warehouse: \(error)", at: .none, key: "warehouse", hint: configureHint)
            return
        }
        dbtProfileOrigin = target.origin
        kind = target.kind
        url = target.postgresURL
        let profile = target.snowflake
        snowflake.account = profile.account
        snowflake.user = snowflake.user ?? profile.user
        snowflake.password = snowflake.password ?? profile.password
        snowflake.privateKeyPath = snowflake.privateKeyPath ?? profile.privateKeyPath
        if snowflake.token == nil, let token = profile.token {
            snowflake.token = token
            snowflake.tokenType = profile.tokenType
        }
        snowflake.role = snowflake.role ?? profile.role
        snowflake.warehouse = snowflake.warehouse ?? profile.warehouse
        snowflake.database = snowflake.database ?? profile.database
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
            ("staging_name", stagingNamePattern),
            ("freshness", freshness ? "every \(SummaryFormat.seconds(freshnessIntervalSeconds))" : "off"),
        ]
        if effectiveKind == .postgres { lines.append(("exact_count_max_rows", String(exactCountMaxRows))) }
        lines.append(("drift_warn_rows", driftWarnRows == 0 ? "off" : String(driftWarnRows)))
        lines.append(("raw_stale_after", rawStaleAfterSeconds.map(SummaryFormat.seconds) ?? "off"))
        if let dbtProfileOrigin { lines.append(("credentials", "from \(dbtProfileOrigin)")) }
        return lines
    }
}

/// `on`/`off` for switches set from the environment.
enum Switch: String, CaseIterable {
    case on, off
}
