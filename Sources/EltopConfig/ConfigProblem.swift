/// Where a configuration value (or a problem with it) came from, so a message can point at the line
/// or the variable an engineer has to change.
public enum ConfigLocation: Equatable, Sendable, CustomStringConvertible {
    /// A position in a YAML file; line and column count from 1.
    case file(path: String, line: Int?, column: Int?)
    /// An environment variable.
    case environment(String)
    /// A problem that belongs to no single place (or a value nobody set).
    case none

    public var description: String {
        switch self {
        case .file(let path, let line?, let column?): return "\(path):\(line):\(column)"
        case .file(let path, let line?, nil): return "\(path):\(line)"
        case .file(let path, nil, _): return path
        case .environment(let name): return "env \(name)"
        case .none: return "(general)"
        }
    }
}

/// One thing wrong (or worth a second look) in the configuration.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// eltop refuses to start; `eltop config check` exits 1.
        case error
        /// eltop starts; the engineer should still fix it.
        case warning
    }

    public var severity: Severity
    public var location: ConfigLocation
    /// The dotted YAML key the problem is about, e.g. "airbyte.password", when there is one.
    public var keyPath: String?
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ severity: Severity, at location: ConfigLocation, key keyPath: String?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
    }

    /// `eltop.yaml:12:3: error: airbyte.pasword: unknown key (hint: did you mean "password"?)`;
    /// a problem that belongs to no single place starts at the severity.
    public var description: String {
        var line = location == .none ? "" : "\(location): "
        line += "\(severity.rawValue): "
        if let keyPath { line += "\(keyPath): " }
        line += message
        if let hint { line += " (hint: \(hint))" }
        return line
    }
}

/// Thrown by `ConfigLoader.load()` when the configuration has errors; it carries all of them, so one
/// run shows everything to fix rather than one problem per attempt.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
