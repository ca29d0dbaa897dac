import Foundation

/// The one rule every `poll_interval` follows, shared by the YAML reader and its tests.
enum PollInterval {
    static let rule = "a poll interval must be a number of seconds greater than 0"

    /// The interval when it is usable: finite and above zero (a zero interval would spin a poller).
    static func validated(_ seconds: Double) -> TimeInterval? {
        seconds.isFinite && seconds > 0 ? seconds : nil
    }
}

/// "a, b,,c" → ["a", "b", "c"]: how `AIRBYTE_CONNECTION_ID` and a YAML string list several values.
enum CommaList {
    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Why a single setting's value cannot be used; becomes a `ConfigProblem` at the setting's origin.
public struct InvalidSetting: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
