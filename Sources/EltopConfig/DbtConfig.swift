import Foundation

/// The dbt project eltop watches and runs.
public struct DbtConfig: Equatable, Sendable, FeedSettings {
    public static let defaultCommand = "dbt build"

    /// Directory holding `dbt_project.yml`; nil means the area is not configured.
    public var projectDir: String?
    /// What the "run dbt" action starts, as a command line (eltop adds its log flags).
    public var command = DbtConfig.defaultCommand
    /// Passed as `--profiles-dir`; nil lets dbt use its own lookup (`~/.dbt`, the project dir).
    public var profilesDir: String?
    /// Where dbt writes `run_results.json` and `manifest.json` when it is not `<project>/target`.
    public var targetDir: String?
    /// Passed as `--select` to the configured command (not to `dbt retry`, which re-runs what failed).
    public var selector: String?
    /// Passed as `--target`: the profile output to run against.
    public var target: String?
    /// After `x` sends SIGINT, how long dbt gets to cancel its queries before SIGTERM (and as long again
    /// before SIGKILL).
    public var cancelGracePeriodSeconds: TimeInterval = 10
    public var pollIntervalSeconds: TimeInterval = 5

    public init() {}

    /// `target_dir` as set, else `<project_dir>/target`.
    public var artifactsDir: String? {
        targetDir ?? projectDir.map { ($0 as NSString).appendingPathComponent("target") }
    }

    public var isConfigured: Bool { projectDir != nil }
    public var configureHint: String { "set ELTOP_DBT_PROJECT_DIR or dbt.project_dir in eltop.yaml" }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.path("project_dir") { projectDir = value }
        if let value = yaml.string("command") { command = value }
        if let value = yaml.path("profiles_dir") { profilesDir = value }
        if let value = yaml.path("target_dir") { targetDir = value }
        if let value = yaml.string("select") { selector = value }
        if let value = yaml.string("target") { target = value }
        if let value = yaml.interval("cancel_grace_period") { cancelGracePeriodSeconds = value }
        if let value = yaml.interval("poll_interval") { pollIntervalSeconds = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.path("ELTOP_DBT_PROJECT_DIR", for: "dbt.project_dir") { projectDir = value }
        if let value = environment.string("ELTOP_DBT_COMMAND", for: "dbt.command") { command = value }
        if let value = environment.path("ELTOP_DBT_PROFILES_DIR", for: "dbt.profiles_dir") { profilesDir = value }
    }

    func validate(_ context: LoadContext) {
        if command.trimmingCharacters(in: .whitespaces).isEmpty {
            context.error(
                "the dbt command is empty", at: context.origin(of: "dbt.command"), key: "dbt.command", hint: "e.g. \(Self.defaultCommand)")
        }
        guard let projectDir else { return }
        let projectFile = (projectDir as NSString).appendingPathComponent("dbt_project.yml")
        if !FileManager.default.fileExists(atPath: projectFile) {
            context.warning(
                "\(projectDir) has no dbt_project.yml", at: context.origin(of: "dbt.project_dir"), key: "dbt.project_dir",
                hint: "point it at the directory that holds dbt_project.yml")
        }
    }

    var summaryLines: [(key: String, value: String)] {
        [
            ("project_dir", projectDir ?? "unset"),
            ("command", command),
            ("profiles_dir", profilesDir ?? "dbt default"),
            ("target_dir", artifactsDir ?? "unset"),
            ("poll_interval", SummaryFormat.seconds(pollIntervalSeconds)),
        ]
    }
}
