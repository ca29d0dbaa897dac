import EltopConfig

/// `eltop config check`: validates the config and says what each feed would use.
public enum ConfigCheckCommand {
    /// The report to print (secrets hidden) and the exit status: 1 when any error was found.
    public static func run(options: AppOptions) -> (report: String, status: Int32) {
        let report = ConfigCheck.run(ConfigLoader(explicitPath: options.configPath))
        return (report.render(), report.exitStatus)
    }
}
