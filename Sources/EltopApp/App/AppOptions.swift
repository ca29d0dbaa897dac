/// The global command-line options, as the CLI parsed them; every command gets the same set.
public struct AppOptions: Sendable {
    /// Refuse (and hide) every action that changes something outside eltop.
    public var readOnly: Bool
    /// A theme name or a path to a theme file; nil for the default.
    public var theme: String?
    /// Where the log goes; nil for the XDG default (see `LoggingSetup.logFilePath`).
    public var logFile: String?
    /// The config file; nil to look in the usual places.
    public var configPath: String?
    /// `--mouse`: click focuses a pane, the wheel scrolls; off so the terminal's text selection works.
    public var mouse: Bool

    public init(readOnly: Bool = false, theme: String? = nil, logFile: String? = nil, configPath: String? = nil, mouse: Bool = false) {
        self.readOnly = readOnly
        self.theme = theme
        self.logFile = logFile
        self.configPath = configPath
        self.mouse = mouse
    }
}

/// The version `eltop --version` prints; the one place it is written.
public enum EltopVersion {
    public static let current = "0.1.0"
}

/// A failure the CLI reports as `eltop: <message>` and exit status 1.
public struct AppError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
