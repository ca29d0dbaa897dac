import EltopConfig
import EltopCore
import Foundation

/// The command line eltop starts for a dbt run, built from the config.
///
/// `dbt.command` is split on whitespace (no shell quoting): its first word is the executable, found on
/// PATH unless it holds a `/` (then relative to eltop's working directory); the rest are arguments.
/// eltop adds `--select`, `--target`, `--profiles-dir` from the config and its own log flags. The log
/// level is debug because only `NodeFinished` carries `rows_affected` while a run is going.
public struct DbtCommand: Equatable, Sendable {
    public static let logFlags = ["--log-format", "json", "--no-use-colors", "--log-level", "debug"]

    public var executable: String
    public var arguments: [String]
    public var directory: String
    /// True when no selector narrows the run (the pane then marks nodes not reached yet as queued).
    public var selectsEverything: Bool

    public init(executable: String, arguments: [String], directory: String, selectsEverything: Bool) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.selectsEverything = selectsEverything
    }

    /// The command for `kind`; `dbt retry` keeps the executable, profile and target, drops the selector.
    public init(config: DbtConfig, kind: DbtRunKind) throws {
        guard let projectDir = config.projectDir else { throw DbtRunError("dbt is not configured (\(config.configureHint))") }
        let words = config.command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { throw DbtRunError("dbt.command is empty") }
        var arguments = kind == .retry ? ["retry"] : Array(words.dropFirst())
        if kind == .build, let selector = config.selector { arguments += ["--select", selector] }
        if let target = config.target { arguments += ["--target", target] }
        if let profilesDir = config.profilesDir { arguments += ["--profiles-dir", profilesDir] }
        self.init(
            executable: first, arguments: arguments + Self.logFlags, directory: projectDir,
            selectsEverything: kind == .build && config.selector == nil && !words.contains { $0 == "--select" || $0 == "-s" })
    }

    /// What the pane and timeline call this run ("dbt build --select tag:nightly"): without eltop's log
    /// flags and the profiles directory, a path that would push the run's outcome off an 80-column pane.
    public var displayLine: String {
        var words = Array(arguments.prefix { !Self.logFlags.contains($0) })
        if let flag = words.firstIndex(of: "--profiles-dir"), flag + 1 < words.count { words.removeSubrange(flag...(flag + 1)) }
        return ([(executable as NSString).lastPathComponent] + words).joined(separator: " ")
    }

    /// The absolute path of the executable, or an error that says where eltop looked.
    func resolvedExecutable(path: String?) throws -> String {
        let manager = FileManager.default
        if executable.contains("/") {
            let absolute = executable.hasPrefix("/") ? executable : (manager.currentDirectoryPath as NSString).appendingPathComponent(executable)
            guard manager.isExecutableFile(atPath: absolute) else { throw DbtRunError("dbt executable \(absolute) does not exist or is not executable") }
            return absolute
        }
        for dir in (path ?? "").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(executable)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw DbtRunError("dbt executable \(executable) not found on PATH (set dbt.command, e.g. .venv/bin/dbt build)")
    }
}
