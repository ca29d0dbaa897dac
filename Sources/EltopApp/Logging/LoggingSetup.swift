import Foundation
import Logging

/// Where eltop logs and how logging is switched on: to a file, never to the screen.
public enum LoggingSetup {
    /// `--log-file PATH` when given, else `$XDG_STATE_HOME/eltop/eltop.log`, else
    /// `~/.local/state/eltop/eltop.log` (the XDG default for state such as logs).
    public static func logFilePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/eltop/eltop.log"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/eltop/eltop.log"
    }

    /// Starts logging for a command: to `--log-file` or the XDG default. Returns the file's path, or nil
    /// (after a warning on stderr) when it cannot be opened and logging is off.
    @discardableResult
    public static func start(options: AppOptions, environment: [String: String]) -> String? {
        let path = logFilePath(explicit: options.logFile, environment: environment)
        guard let error = bootstrap(path: path) else { return path }
        FileHandle.standardError.write(Data("eltop: logging is off: \(error.localizedDescription)\n".utf8))
        return nil
    }

    /// Sends every logger to `path`. Call once, first thing, before the terminal is taken: swift-log's
    /// own default would print to stdout. If the file cannot be opened, logging is switched off (and the
    /// error returned for the caller to print) rather than falling back to the screen.
    @discardableResult
    public static func bootstrap(path: String, level: Logger.Level = .info) -> Error? {
        do {
            let file = try LogFile(path: path)
            LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: file, level: level) }
            return nil
        } catch {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return error
        }
    }
}
