import CLibpq
import Dispatch
import Foundation

/// One libpq connection, used from async code without blocking Swift's cooperative threads.
///
/// Every libpq call runs on the connection's own serial queue, so a slow or dead server ties up that
/// queue and nothing else. The connection is opened lazily and reopened after it breaks, which is how a
/// poller survives a server restart. Sessions are autocommit; `SessionSettings` make them read-only and
/// give every statement a timeout, so a dashboard never holds a transaction or waits on a lock for long.
///
/// `@unchecked Sendable` because the one mutable field, `handle`, is confined to `queue` (every read and
/// write happens inside `queue.async`); the compiler cannot see queue confinement, and an actor would run
/// blocking libpq calls on the cooperative pool.
public final class PGConnection: @unchecked Sendable {
    /// Settings applied at connect time through libpq's `options`, so they hold for the whole session.
    public struct SessionSettings: Sendable {
        public var applicationName: String
        public var connectTimeoutSeconds: Int
        public var statementTimeoutMilliseconds: Int
        public var readOnly: Bool

        public init(applicationName: String = "eltop", connectTimeoutSeconds: Int = 5, statementTimeoutMilliseconds: Int = 5000, readOnly: Bool = true) {
            self.applicationName = applicationName
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
            self.readOnly = readOnly
        }
    }

    private let conninfo: String
    private let settings: SessionSettings
    private let queue: DispatchQueue
    private var handle: OpaquePointer?  // touched only on `queue`

    /// - Parameter conninfo: a libpq URI or key=value string; empty lets libpq use `PG*` variables and `~/.pgpass`.
    public init(conninfo: String, settings: SessionSettings = SessionSettings()) {
        self.conninfo = conninfo
        self.settings = settings
        queue = DispatchQueue(label: "eltop.pg.\(settings.applicationName)")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs `sql` with text parameters `$1…` and returns all rows. Connects first if needed.
    public func query(_ sql: String, _ parameters: [String?] = []) async throws -> PGResult {
        try await onQueue { try self.execute(sql, parameters) }
    }

    /// `server_version_num`, e.g. 150018; connects first if needed.
    public func serverVersionNumber() async throws -> Int {
        try await onQueue {
            let conn = try self.connected()
            return Int(PQserverVersion(conn))
        }
    }

    /// Closes the connection; the next query opens a new one.
    public func close() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            queue.async {
                if let handle = self.handle { PQfinish(handle) }
                self.handle = nil
                c.resume()
            }
        }
    }

    func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    func connected() throws -> OpaquePointer {
        if let handle, PQstatus(handle) == CONNECTION_OK { return handle }
        if let handle { PQfinish(handle) }
        handle = nil
        var options = "-c statement_timeout=\(settings.statementTimeoutMilliseconds)"
        if settings.readOnly { options += " -c default_transaction_read_only=on" }
        let keys = ["dbname", "application_name", "connect_timeout", "options"]
        let values = [conninfo, settings.applicationName, String(settings.connectTimeoutSeconds), options]
        let conn = withCStrings(keys) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw PGError(kind: .connection, message: "libpq could not allocate a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(conn))
            PQfinish(conn)
            throw PGError(kind: .connection, message: message.isEmpty ? "connection failed" : message)
        }
        handle = conn
        return conn
    }

    /// A read-only statement that meets a kept connection the server has closed (a restart, an
    /// administrator's `pg_terminate_backend`) is sent once more on a new connection, so the poll shows
    /// the server as it is now — up, down or refusing — instead of the break. It reads only, so sending
    /// it twice changes nothing; a fresh connection that fails is reported as it is.
    private func execute(_ sql: String, _ parameters: [String?]) throws -> PGResult {
        let reused = handle.map { PQstatus($0) == CONNECTION_OK } ?? false
        do {
            return try executeOnce(sql, parameters)
        } catch let error as PGError where error.kind == .connection && reused && settings.readOnly {
            return try executeOnce(sql, parameters)
        }
    }

    private func executeOnce(_ sql: String, _ parameters: [String?]) throws -> PGResult {
        let conn = try connected()
        let result: OpaquePointer? = withOptionalCStrings(parameters) { params in
            PQexecParams(conn, sql, Int32(parameters.count), nil, params, nil, nil, 0)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return Self.read(result!)
        default:
            let broken = PQstatus(conn) != CONNECTION_OK
            let message = Self.trimmed(result.map { PQresultErrorMessage($0) } ?? PQerrorMessage(conn))
            let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
            if broken {
                PQfinish(conn)
                handle = nil
            }
            throw PGError(kind: broken ? .connection : .query, message: message.isEmpty ? "query failed" : message, sqlState: state)
        }
    }

    private static func read(_ result: OpaquePointer) -> PGResult {
        let columnCount = PQnfields(result), rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            rows.append((0..<columnCount).map { c in
                PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
            })
        }
        return PGResult(columns: columns, rows: rows)
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    let pointers = duplicated.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Like `withCStrings`, with nil kept as a NULL pointer (SQL NULL parameters).
private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let duplicated = strings.map { $0.map { strdup($0) } ?? nil }
    defer { duplicated.forEach { free($0) } }
    let pointers = duplicated.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer { body(strings.isEmpty ? nil : $0.baseAddress) }
}
