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
/// Connecting and statements use libpq's asynchronous calls (PQconnectStartParams/PQconnectPoll,
/// PQsendQueryParams/PQconsumeInput), and the queue's thread waits for the socket in poll(2)
/// (`PGSocketWait`). A caller's deadline is that wait's timeout, and its task's cancellation wakes the
/// wait: a poll with a time limit needs no timer and no racing task of its own (docs/benchmarks.md).
///
/// `@unchecked Sendable` because the mutable fields, `handle` and `statementLeftRunning`, are confined
/// to `queue` (every read and write happens inside `queue.async`); the compiler cannot see queue
/// confinement, and an actor would run blocking libpq calls on the cooperative pool.
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
    /// A statement given up at its deadline or cancellation is still running on the server: it is
    /// cancelled there (PQcancel) and its answer read off before the queue's next block. Only on `queue`.
    private var statementLeftRunning = false
    private let socketWait = PGSocketWait()

    /// - Parameter conninfo: a libpq URI or key=value string; empty lets libpq use `PG*` variables and `~/.pgpass`.
    public init(conninfo: String, settings: SessionSettings = SessionSettings()) {
        self.conninfo = conninfo
        self.settings = settings
        queue = DispatchQueue(label: "eltop.pg.\(settings.applicationName)")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs `sql` with text parameters `$1…` and returns all rows. Connects first if needed. It waits
    /// for the answer however long it takes (the session's statement timeout ends it), and a cancelled
    /// task still gets it: a caller's `BEGIN` … `ROLLBACK` is never cut in half.
    public func query(_ sql: String, _ parameters: [String?] = []) async throws -> PGResult {
        try await onQueue { try self.execute(sql, parameters, deadline: nil, interrupt: PGInterrupt()) }
    }

    /// Runs `sql` as `query(_:_:)` does, connecting too if needed, all by `deadline`: past it, throws
    /// `PGDeadlinePassed`; when the calling task is cancelled, throws `CancellationError` at once. Either
    /// way the statement is then cancelled on the server and the connection kept for the next one.
    /// Without a deadline, it is `query(_:_:)`, as `serverVersionNumber(deadline:)` is.
    public func query(_ sql: String, _ parameters: [String?] = [], deadline: ContinuousClock.Instant?) async throws -> PGResult {
        guard let deadline else { return try await query(sql, parameters) }
        return try await interruptible { interrupt in try self.execute(sql, parameters, deadline: deadline, interrupt: interrupt) }
    }

    /// Runs `sql` as `query(_:_:deadline:)` does after a pause of `pause` on the connection's own thread
    /// (in poll(2), `PGSocketWait`), with `timeout` counted from the pause's end, when `sent` is called.
    /// `cutPause()` ends the pause early. A poller that waits between polls anyway waits here: no timer,
    /// no task woken between the wait and the statement.
    public func query(_ sql: String, _ parameters: [String?] = [], after pause: Duration, within timeout: Duration, whenSent sent: @escaping @Sendable () -> Void = {}) async throws -> PGResult {
        socketWait.willPause()
        return try await interruptible { interrupt in
            try self.socketWait.pause(for: pause, interrupt: interrupt)
            sent()
            return try self.execute(sql, parameters, deadline: .now + timeout, interrupt: interrupt)
        }
    }

    /// Waits `pause` on the connection's thread, as `query(_:_:after:within:whenSent:)` does before its
    /// statement; `cutPause()` ends it early, the task's cancellation with `CancellationError`.
    public func pause(_ pause: Duration) async throws {
        socketWait.willPause()
        try await interruptible { interrupt in try self.socketWait.pause(for: pause, interrupt: interrupt) }
    }

    /// Ends the pause under way or handed to the connection and returns true; false when there is none
    /// (a statement is running), so the caller asks for the next statement at once instead.
    public func cutPause() -> Bool {
        socketWait.cutPause()
    }

    /// `server_version_num`, e.g. 150018; connects first if needed, by `deadline` when one is given
    /// (and cancelled with its task then, as `query(_:_:deadline:)` is).
    public func serverVersionNumber(deadline: ContinuousClock.Instant? = nil) async throws -> Int {
        let read: @Sendable (PGInterrupt) throws -> Int = { interrupt in
            Int(PQserverVersion(try self.connected(deadline: deadline, interrupt: interrupt)))
        }
        guard deadline != nil else { return try await onQueue { try read(PGInterrupt()) } }
        return try await interruptible(read)
    }

    /// Closes the connection; the next query opens a new one.
    public func close() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            queue.async {
                self.statementLeftRunning = false
                if let handle = self.handle { PQfinish(handle) }
                self.handle = nil
                c.resume()
            }
        }
    }

    func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                self.finishStatementLeftRunning()
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// `work` on the queue with an interrupt that the calling task's cancellation sets (and wakes).
    /// The caller is answered first; a statement `work` gave up on is cancelled on the server after.
    private func interruptible<T: Sendable>(_ work: @escaping @Sendable (PGInterrupt) throws -> T) async throws -> T {
        let interrupt = PGInterrupt()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    self.finishStatementLeftRunning()
                    continuation.resume(with: Result { try work(interrupt) })
                    self.finishStatementLeftRunning()
                }
            }
        } onCancel: {
            socketWait.cancel(interrupt)
        }
    }

    /// The connection, opened first if there is none or it broke: by `deadline` (`PGDeadlinePassed`)
    /// and within the session's connect timeout, whichever comes first, heeding `interrupt`.
    func connected(deadline: ContinuousClock.Instant? = nil, interrupt: PGInterrupt = PGInterrupt()) throws -> OpaquePointer {
        if let handle, PQstatus(handle) == CONNECTION_OK { return handle }
        if let handle { PQfinish(handle) }
        handle = nil
        var options = "-c statement_timeout=\(settings.statementTimeoutMilliseconds)"
        if settings.readOnly { options += " -c default_transaction_read_only=on" }
        let keys = ["dbname", "application_name", "connect_timeout", "options"]
        let values = [conninfo, settings.applicationName, String(settings.connectTimeoutSeconds), options]
        let conn = withCStrings(keys) { k in withCStrings(values) { v in PQconnectStartParams(k, v, 1) } }
        guard let conn else { throw PGError(kind: .connection, message: "libpq could not allocate a connection") }
        let connectBy = ContinuousClock.now + .seconds(settings.connectTimeoutSeconds)
        do {
            try establish(conn, by: deadline.map { min($0, connectBy) } ?? connectBy, connectBy: connectBy, interrupt: interrupt)
        } catch {
            PQfinish(conn)
            throw error
        }
        handle = conn
        return conn
    }

    /// Drives PQconnectPoll to the end, waiting on the socket it names each time (it changes when
    /// libpq moves on to the next address). libpq's own connect_timeout holds only for its blocking
    /// calls, so `connectBy` is kept here: passing it is the "timeout expired" libpq would report.
    private func establish(_ conn: OpaquePointer, by limit: ContinuousClock.Instant, connectBy: ContinuousClock.Instant, interrupt: PGInterrupt) throws {
        var state = PGRES_POLLING_WRITING
        while PQstatus(conn) != CONNECTION_BAD {
            switch state {
            case PGRES_POLLING_OK:
                return
            case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
                do {
                    try socketWait.wait(socket: PQsocket(conn), for: Int16(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), deadline: limit, interrupt: interrupt)
                } catch is PGDeadlinePassed where limit >= connectBy {
                    let host = PQhost(conn).map { String(cString: $0) } ?? "?", port = PQport(conn).map { String(cString: $0) } ?? "?"
                    throw PGError(kind: .connection, message: "connection to server at \"\(host)\", port \(port) failed: timeout expired")
                }
                state = PQconnectPoll(conn)
            default:  // PGRES_POLLING_FAILED
                let message = Self.trimmed(PQerrorMessage(conn))
                throw PGError(kind: .connection, message: message.isEmpty ? "connection failed" : message)
            }
        }
        let message = Self.trimmed(PQerrorMessage(conn))
        throw PGError(kind: .connection, message: message.isEmpty ? "connection failed" : message)
    }

    /// A read-only statement that meets a kept connection the server has closed (a restart, an
    /// administrator's `pg_terminate_backend`) is sent once more on a new connection, so the poll shows
    /// the server as it is now — up, down or refusing — instead of the break. It reads only, so sending
    /// it twice changes nothing; a fresh connection that fails is reported as it is.
    private func execute(_ sql: String, _ parameters: [String?], deadline: ContinuousClock.Instant?, interrupt: PGInterrupt) throws -> PGResult {
        let reused = handle.map { PQstatus($0) == CONNECTION_OK } ?? false
        do {
            return try executeOnce(sql, parameters, deadline: deadline, interrupt: interrupt)
        } catch let error as PGError where error.kind == .connection && reused && settings.readOnly {
            return try executeOnce(sql, parameters, deadline: deadline, interrupt: interrupt)
        }
    }

    private func executeOnce(_ sql: String, _ parameters: [String?], deadline: ContinuousClock.Instant?, interrupt: PGInterrupt) throws -> PGResult {
        let conn = try connected(deadline: deadline, interrupt: interrupt)
        let sent = withOptionalCStrings(parameters) { params in
            PQsendQueryParams(conn, sql, Int32(parameters.count), nil, params, nil, nil, 0)
        }
        let result = sent == 1 ? try answer(conn, deadline: deadline, interrupt: interrupt) : nil
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

    /// The statement's result, read as it arrives, and libpq's end of it read too, so the connection is
    /// ready for the next statement. Nil when the connection broke first (PQerrorMessage says why).
    /// Given up at the deadline or on cancellation, the statement is left for `finishStatementLeftRunning`.
    private func answer(_ conn: OpaquePointer, deadline: ContinuousClock.Instant?, interrupt: PGInterrupt) throws -> OpaquePointer? {
        var first: OpaquePointer?
        while true {
            while PQisBusy(conn) == 1 {
                do {
                    try socketWait.wait(socket: PQsocket(conn), for: Int16(POLLIN), deadline: deadline, interrupt: interrupt)
                } catch let error where error is PGDeadlinePassed || error is CancellationError {
                    PQclear(first)
                    statementLeftRunning = true
                    throw error
                }
                if PQconsumeInput(conn) == 0 { return first }
            }
            guard let next = PQgetResult(conn) else { return first }
            if first == nil { first = next } else { PQclear(next) }
        }
    }

    /// Cancels on the server the statement a caller gave up on and reads its answer off (blocking, on
    /// the queue: the next statement would wait for it anyway); a connection that broke meanwhile is
    /// closed, and the next statement opens a new one.
    private func finishStatementLeftRunning() {
        guard statementLeftRunning else { return }
        statementLeftRunning = false
        guard let conn = handle else { return }
        if let cancel = PQgetCancel(conn) {
            var reason = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &reason, Int32(reason.count))
            PQfreeCancel(cancel)
        }
        while let result = PQgetResult(conn) { PQclear(result) }
        if PQstatus(conn) != CONNECTION_OK {
            PQfinish(conn)
            handle = nil
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
