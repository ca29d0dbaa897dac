import EltopCore

/// Everything eltop is told about the pipeline it watches, after the YAML file and the environment
/// have been merged. Built by `ConfigLoader`; each area lives in its own section type so a feature
/// adds its keys to one file.
public struct Config: Equatable, Sendable {
    public var source = SourceConfig()
    public var airbyte = AirbyteConfig()
    public var warehouse = WarehouseConfig()
    public var dbt = DbtConfig()
    public var ui = UIConfig()
    public var cdcProbe = CdcProbeConfig()
    public var keys = KeysConfig()
    public var metrics = MetricsConfig()
    /// The YAML file read, nil for environment only: what the remembered view is kept per.
    public var filePath: String?
    /// Dotted YAML key → where its value came from (a file line or an env var); keys left at their
    /// defaults are absent.
    public var origins: [String: ConfigLocation] = [:]
    /// Lines that replace an area's own "what to set" hint while it is not configured: `eltop demo` sets
    /// none of the user's variables, so its panes say what the demo itself is missing instead.
    public var unconfiguredHints: [Feed: String] = [:]

    public init() {}

    /// Reads every section from the YAML document. Keys not asked for here are unknown keys.
    mutating func read(_ root: YAMLSection) {
        source.read(root.section("source"))
        airbyte.read(root.section("airbyte"))
        warehouse.read(root.section("warehouse"))
        dbt.read(root.section("dbt"))
        ui.read(root.section("ui"))
        cdcProbe.read(root.section("cdc_probe"))
        keys.read(root.section("keys"))
        metrics.read(root.section("metrics"))
    }

    /// Applies the environment variables on top of what the file said.
    mutating func read(_ environment: EnvironmentReader) {
        source.read(environment)
        airbyte.read(environment)
        warehouse.read(environment)
        dbt.read(environment)
        ui.read(environment)
        metrics.read(environment)
        cdcProbe.read(environment)
        warehouse.adoptDbtProfile(of: dbt, context: environment.context)
    }

    /// Checks that need the merged values (which auth method, whether a file exists).
    func validate(_ context: LoadContext) {
        airbyte.validate(context)
        warehouse.validate(context)
        dbt.validate(context)
    }
}
