import Foundation

/// The process facts configuration depends on: environment variables and the working directory.
///
/// Passed in rather than read from `ProcessInfo`, so tests describe the whole world a load sees and
/// never pick up the developer's own `AIRBYTE_PASSWORD` or `~/.config/eltop`.
public struct ConfigEnvironment: Sendable {
    public var variables: [String: String]
    /// Absolute path that relative paths from env vars (and `./eltop.yaml`) resolve against.
    public var currentDirectory: String

    public init(variables: [String: String], currentDirectory: String) {
        self.variables = variables
        self.currentDirectory = currentDirectory
    }

    /// The running process's environment and working directory.
    public static var process: ConfigEnvironment {
        ConfigEnvironment(variables: ProcessInfo.processInfo.environment, currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// A variable's value with surrounding whitespace removed; an empty value counts as unset, the
    /// way `FOO= eltop` is usually meant.
    public func value(_ name: String) -> String? {
        guard let raw = variables[name] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `path` made absolute: `~/` expands to `$HOME`, a relative path is taken from `directory`.
    public func absolutePath(_ path: String, relativeTo directory: String) -> String {
        var expanded = path
        if path == "~" || path.hasPrefix("~/"), let home = value("HOME") {
            expanded = home + path.dropFirst()
        }
        let url =
            expanded.hasPrefix("/")
            ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }
}
