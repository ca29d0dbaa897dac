/// A failure talking to PostgreSQL, with the server's SQLSTATE when there is one.
///
/// `insufficient_privilege` (42501) lets a pane say which grant is missing instead of failing.
public struct PGError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Could not connect or the connection broke.
        case connection
        /// The server refused the statement.
        case query
    }

    public var kind: Kind
    public var message: String
    /// SQLSTATE, e.g. "42501" for insufficient_privilege, "57014" for a statement timeout.
    public var sqlState: String?

    public init(kind: Kind, message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    public var isPermissionDenied: Bool { sqlState == "42501" }
    public var description: String { message }
}
