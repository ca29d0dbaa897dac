import EltopConfig
import EltopPollers

/// `eltop config check`: validates the config and says what each feed would use.
public enum ConfigCheckCommand {
    /// The report to print (secrets hidden) and the exit status: 1 when any error was found.
    public static func run(options: AppOptions) -> (report: String, status: Int32) {
        let report = ConfigCheck.run(ConfigLoader(explicitPath: options.configPath))
        return (report.render(), report.exitStatus)
    }

    /// With `cdc_probe:` set, the setup SQL an admin runs once and what the source, the probe role and
    /// the dbt project still lack; nil when the tracer is off.
    public static func tracerSetup(options: AppOptions) async -> String? {
        let config = ConfigLoader(explicitPath: options.configPath).evaluate().config
        guard config.cdcProbe.isConfigured else { return nil }
        let publication = "<your publication>"
        var lines = ["Tracer setup SQL (run once as the table's owner; the publication is the one your connection reads):", ""]
        lines += config.cdcProbe.setupSQL(publication: publication).split(separator: "\n").map { "  " + $0 }
        lines += ["", "Tracer setup, as found now:"]
        lines += await ProbeSetupCheck(config: config).findings().map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}
