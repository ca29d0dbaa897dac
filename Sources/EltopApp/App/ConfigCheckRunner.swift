/// `eltop config check`: validates the config and says what each feed would use.
public enum ConfigCheckRunner {
    /// The report to print and the exit status. Not wired to EltopConfig's `ConfigCheck` in this branch:
    /// it says so and fails, so nobody mistakes it for a passed check.
    public static func run(options: AppOptions) -> (report: String, status: Int32) {
        ("config check: not wired to EltopConfig yet", 1)
    }
}
