/// A password, token or client secret read from the configuration.
///
/// Secrets must never reach the screen, a log line or `snapshot --json`, and the easy mistakes all go
/// through `description`, string interpolation, `dump`, `debugPrint` or `Encodable`. So every one of
/// those prints a mask, and the value comes out only through `revealed`, a name that is easy to spot
/// in review and to grep for.
public struct Secret: Equatable, Sendable {
    /// What every textual form of a secret shows instead of the value.
    public static let mask = "••••"

    private let value: String
    /// Where the value came from, for `eltop config check` (e.g. "AIRBYTE_PASSWORD_FILE"); never the value.
    public let origin: String

    public init(_ value: String, origin: String) {
        self.value = value
        self.origin = origin
    }

    /// The value itself, for the one place that hands it to a client (an HTTP header, libpq).
    public var revealed: String { value }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { Secret.mask }
    public var debugDescription: String { "Secret(<redacted>)" }
    /// `dump(secret)` and debuggers walk the mirror; show no children so the stored value stays hidden.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Secret: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<redacted>")
    }
}
