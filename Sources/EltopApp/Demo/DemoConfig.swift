import EltopConfig
import EltopCore
import EltopDemo
import Foundation

/// The dashboard's configuration for the demo, built from the stack alone: no config file and none of
/// the user's ELTOP_*/AIRBYTE_*/SNOWFLAKE_*/PG* variables, so a key pressed in the demo reaches only the
/// demo's own servers.
enum DemoConfig {
    static let origin = "eltop demo"

    static func make(endpoints: DemoEndpoints, dbtProject: String, profilesDir: String, dbtExecutable: String, readOnly: Bool) -> Config {
        var config = Config()
        config.source.connection = ConnectionString(endpoints.sourceURL, origin: origin)
        config.source.pollIntervalSeconds = 2
        config.warehouse.kind = .postgres
        config.warehouse.url = ConnectionString(endpoints.warehouseReaderURL, origin: origin)
        config.warehouse.pollIntervalSeconds = 5
        config.dbt.projectDir = dbtProject
        config.dbt.profilesDir = profilesDir
        config.dbt.command = "\(dbtExecutable) build"
        config.ui.readOnly = readOnly
        config.cdcProbe.sourceURL = ConnectionString(endpoints.probeWriterURL, origin: origin)
        config.cdcProbe.table = DVDRentalSetup.probeTable
        config.cdcProbe.slot = DVDRentalSetup.slot
        config.unconfiguredHints[.airbyte] = "The demo's local Airbyte is not running: it runs in the eltop demo that brought the stack up."
        return config
    }

    /// The environment without the variables that could point eltop (or dbt) at another system.
    static func sanitized(_ environment: [String: String]) -> [String: String] {
        environment.filter { key, _ in !["ELTOP_", "AIRBYTE_", "SNOWFLAKE_", "PG", "DBT_"].contains { key.hasPrefix($0) } }
    }

    /// dbt from `make deps`'s virtualenv (in the working directory, or the checkout the binary was built in),
    /// else from PATH; the error names `make deps`.
    static func dbtExecutable(environment: [String: String]) throws -> String {
        let fm = FileManager.default
        let binary = BundledDbtProject.runningExecutable()
        var candidates = [fm.currentDirectoryPath + "/.venv/bin/dbt"]
        var directory = (binary as NSString).deletingLastPathComponent
        for _ in 0..<4 {
            directory = (directory as NSString).deletingLastPathComponent
            candidates.append(directory + "/.venv/bin/dbt")
        }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/dbt" }
        guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) else {
            throw AppError("dbt not found (looked in ./.venv/bin and on PATH): run `make deps`, which installs dbt-core and dbt-postgres into .venv")
        }
        return (found as NSString).standardizingPath
    }
}
