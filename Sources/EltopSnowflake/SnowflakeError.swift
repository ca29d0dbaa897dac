import Foundation

/// What went wrong talking to the SQL API, worded for the pane: the status, Snowflake's own code and
/// message, and what to do where eltop knows.
public enum SnowflakeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The private key cannot be used (missing, encrypted, not RSA).
    case privateKey(String)
    /// 401: the token was refused (`390144` is an invalid JWT: wrong account, user or key fingerprint).
    case unauthorized(code: String?, message: String)
    /// 408: the statement ran past its timeout on Snowflake's side.
    case statementTimedOut(message: String)
    /// 422: the statement failed (SQL error, object does not exist, no warehouse).
    case statementFailed(code: String?, sqlState: String?, message: String)
    /// 429: too many requests, still so after eltop's own retries.
    case rateLimited
    /// Any other non-success status (5xx and so on).
    case httpStatus(Int, message: String)
    /// eltop stopped waiting for a running statement and cancelled it.
    case gaveUpWaiting(seconds: Double)
    /// A 200 whose body is not the documented result format.
    case malformedResponse(String)
    /// The first page came but a later one did not: the rows would be partial, so the whole result is
    /// refused, and the pane says which page failed (a big result is the one a proxy cuts off).
    case partitionFailed(partition: Int, of: Int, reason: String)

    public var description: String {
        switch self {
        case .privateKey(let text): return "private key: \(text)"
        case .unauthorized(let code, let message):
            let hint = code == "390144" ? " (check the account, the user and that the user's RSA_PUBLIC_KEY matches the key)" : ""
            return "Snowflake refused the token (401\(code.map { " \($0)" } ?? "")): \(message)\(hint)"
        case .statementTimedOut(let message): return "Snowflake timed the statement out (408): \(message)"
        case .statementFailed(let code, let sqlState, let message):
            let ids = [code, sqlState.map { "SQLSTATE \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return "SQL error\(ids.isEmpty ? "" : " (\(ids))"): \(message)"
        case .rateLimited: return "Snowflake is rate limiting requests (429); backing off"
        case .httpStatus(let status, let message): return "Snowflake answered HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .gaveUpWaiting(let seconds): return "statement still running after \(Int(seconds)) s; cancelled"
        case .malformedResponse(let text): return "unexpected answer from the SQL API: \(text)"
        case .partitionFailed(let partition, let count, let reason): return "fetching result page \(partition) of \(count) failed: \(reason)"
        }
    }

}
