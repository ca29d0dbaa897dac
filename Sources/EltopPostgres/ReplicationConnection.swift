import CLibpq
import Dispatch
import Foundation

/// A `replication=database` libpq connection that streams a logical slot in CopyBoth mode.
///
/// Like `PGConnection`, every libpq call runs on the connection's own serial queue, so a slow server
/// never blocks Swift's cooperative threads. Reads are non-blocking (`PQsocket` + `poll`,
/// `PQconsumeInput`, async `PQgetCopyData`) and return after a timeout even when nothing arrived, so the
/// caller can notice cancellation and decide when it has read far enough.
///
/// `@unchecked Sendable` because its mutable fields, `handle` and `streaming`, are touched only on
/// `queue`; the compiler cannot see queue confinement, and an actor would run blocking libpq calls on
/// the cooperative pool.
public final class ReplicationConnection: @unchecked Sendable {
    /// `IDENTIFY_SYSTEM`'s answer.
    public struct SystemIdentity: Sendable, Equatable {
        public var systemId: String
        public var timeline: Int
        /// The server's current WAL flush position, as a 64-bit LSN.
        public var xlogpos: UInt64
        public var database: String?
    }

    /// CopyData messages read in one call, stored back to back so decoding needs no copy per message.
    public struct CopyDataBatch: Sendable {
        public var bytes: [UInt8] = []
        /// End offset of each message in `bytes`.
        public var ends: [Int] = []
        /// Set when the server ended the stream (CopyDone); no more data will come.
        public var streamEnded = false

        public var isEmpty: Bool { ends.isEmpty }
        public var count: Int { ends.count }

        /// Calls `body` with message `index`'s bytes.
        public func withMessage<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            let start = index == 0 ? 0 : ends[index - 1]
            return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[index]])) }
        }

        /// Calls `body` with each message's bytes, in order.
        public func forEach(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            try bytes.withUnsafeBytes { all in
                var start = 0
                for end in ends {
                    try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    private let conninfo: String
    private let applicationName: String
    private let connectTimeoutSeconds: Int
    private let queue: DispatchQueue
    private var handle: OpaquePointer?  // touched only on `queue`
    private var streaming = false  // touched only on `queue`

    public init(conninfo: String, applicationName: String = "eltop-replication", connectTimeoutSeconds: Int = 5) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
        queue = DispatchQueue(label: "eltop.pg.replication.\(applicationName)")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Opens the connection (a no-op when open).
    public func connect() async throws {
        try await onQueue { _ = try self.connected() }
    }

    public func identifySystem() async throws -> SystemIdentity {
        try await onQueue {
            let conn = try self.connected()
            let result = PQexec(conn, "IDENTIFY_SYSTEM")
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_TUPLES_OK, PQntuples(result) == 1, PQnfields(result) >= 3 else {
                throw self.failure(conn, result, fallback: "IDENTIFY_SYSTEM failed")
            }
            func field(_ c: Int32) -> String? { PQgetisnull(result, 0, c) == 1 ? nil : String(cString: PQgetvalue(result, 0, c)) }
            guard let position = field(2), let lsn = parseLSN(position) else {
                throw PGError(kind: .query, message: "IDENTIFY_SYSTEM answered an unreadable xlogpos")
            }
            return SystemIdentity(systemId: field(0) ?? "", timeline: Int(field(1) ?? "") ?? 0, xlogpos: lsn, database: PQnfields(result) > 3 ? field(3) : nil)
        }
    }

    /// `START_REPLICATION SLOT slot LOGICAL lsn (options)`; on success the connection is in CopyBoth.
    /// Option values are quoted here; names must be plain identifiers.
    public func startLogicalReplication(slot: String, from lsn: UInt64, options: KeyValuePairs<String, String>) async throws {
        let optionText = options.map { "\($0.key) '\($0.value.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
        let command = "START_REPLICATION SLOT \(quoteIdentifier(slot)) LOGICAL \(formatLSN(lsn))" + (optionText.isEmpty ? "" : " (\(optionText))")
        try await onQueue {
            let conn = try self.connected()
            let result = PQexec(conn, command)
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_BOTH else {
                throw self.failure(conn, result, fallback: "START_REPLICATION failed")
            }
            guard PQsetnonblocking(conn, 1) == 0 else { throw PGError(kind: .connection, message: "could not make the replication connection non-blocking") }
            self.streaming = true
        }
    }

    /// Reads the CopyData messages that are ready, waiting up to `timeoutMilliseconds` for the first one.
    /// Stops early once `maxBytes` are collected. An empty batch means nothing arrived in time.
    public func read(timeoutMilliseconds: Int, maxBytes: Int = 4 << 20) async throws -> CopyDataBatch {
        try await onQueue {
            let conn = try self.streamingHandle()
            var batch = CopyDataBatch()
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
            while batch.bytes.count < maxBytes {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(conn, &buffer, 1)
                if length > 0, let buffer {
                    buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { batch.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length))) }
                    batch.ends.append(batch.bytes.count)
                    PQfreemem(buffer)
                    continue
                }
                if length == -1 {
                    try self.finishAfterServerEnd(conn)
                    batch.streamEnded = true
                    return batch
                }
                if length == -2 { throw self.brokenStream(conn) }
                // Nothing buffered: return what we have, or wait for the socket until the deadline.
                if !batch.isEmpty { return batch }
                let now = DispatchTime.now().uptimeNanoseconds
                if now >= deadline { return batch }
                guard try self.waitReadable(conn, milliseconds: Int((deadline - now) / 1_000_000) + 1) else { return batch }
                guard PQconsumeInput(conn) == 1 else { throw self.brokenStream(conn) }
            }
            return batch
        }
    }

    /// Sends an `r` standby status update; `flushed` is what moves the slot's `confirmed_flush_lsn`.
    public func sendStandbyStatus(written: UInt64, flushed: UInt64, applied: UInt64, replyRequested: Bool = false) async throws {
        var message = [UInt8(ascii: "r")]
        for value in [written, flushed, applied, UInt64(bitPattern: postgresEpochMicroseconds())] {
            withUnsafeBytes(of: value.bigEndian) { message.append(contentsOf: $0) }
        }
        message.append(replyRequested ? 1 : 0)
        let frame = message
        try await onQueue {
            let conn = try self.streamingHandle()
            let sent = frame.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) } }
            guard sent == 1 else { throw self.brokenStream(conn) }
            try self.flush(conn, deadlineMilliseconds: 5000)
        }
    }

    /// Ends the stream cleanly: CopyDone, drain the server's remaining CopyData until it ends, then
    /// collect the command results. (`PQgetResult` straight after `PQputCopyEnd` would spin.)
    public func stopStreaming(timeoutMilliseconds: Int = 5000) async throws {
        try await onQueue {
            guard self.streaming, let conn = self.handle else { return }
            guard PQputCopyEnd(conn, nil) == 1 else { throw self.brokenStream(conn) }
            try self.flush(conn, deadlineMilliseconds: timeoutMilliseconds)
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMilliseconds) * 1_000_000
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(conn, &buffer, 1)
                if let buffer { PQfreemem(buffer) }
                if length > 0 { continue }
                if length == -1 { break }
                if length == -2 { throw self.brokenStream(conn) }
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { throw self.abandon(conn, "the server did not end the replication stream within \(timeoutMilliseconds) ms") }
                if try self.waitReadable(conn, milliseconds: Int((deadline - now) / 1_000_000) + 1) {
                    guard PQconsumeInput(conn) == 1 else { throw self.brokenStream(conn) }
                }
            }
            try self.finishAfterServerEnd(conn)
        }
    }

    /// Closes the connection; the server marks the slot inactive.
    public func close() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            queue.async {
                if let handle = self.handle { PQfinish(handle) }
                self.handle = nil
                self.streaming = false
                c.resume()
            }
        }
    }

    // MARK: - On the queue

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func connected() throws -> OpaquePointer {
        if let handle, PQstatus(handle) == CONNECTION_OK { return handle }
        if let handle { PQfinish(handle) }
        handle = nil
        streaming = false
        let keys = ["dbname", "replication", "application_name", "connect_timeout"]
        let values = [conninfo, "database", applicationName, String(connectTimeoutSeconds)]
        let conn = withCStringArray(keys) { k in withCStringArray(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw PGError(kind: .connection, message: "libpq could not allocate a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = trimmedMessage(PQerrorMessage(conn))
            PQfinish(conn)
            throw PGError(kind: .connection, message: message.isEmpty ? "replication connection failed" : message)
        }
        handle = conn
        return conn
    }

    private func streamingHandle() throws -> OpaquePointer {
        guard streaming, let handle else { throw PGError(kind: .connection, message: "the replication stream is not running") }
        return handle
    }

    /// The server sent CopyDone: collect results until NULL so the connection is usable (or closed) after.
    private func finishAfterServerEnd(_ conn: OpaquePointer) throws {
        streaming = false
        var error: PGError?
        while let result = PQgetResult(conn) {
            let status = PQresultStatus(result)
            if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && error == nil {
                error = failure(conn, result, fallback: "the replication stream ended with an error")
            }
            PQclear(result)
        }
        PQsetnonblocking(conn, 0)
        if let error { throw error }
    }

    private func flush(_ conn: OpaquePointer, deadlineMilliseconds: Int) throws {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(deadlineMilliseconds) * 1_000_000
        while true {
            let state = PQflush(conn)
            if state == 0 { return }
            if state == -1 { throw brokenStream(conn) }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw abandon(conn, "the server did not take a status update within \(deadlineMilliseconds) ms") }
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLOUT | POLLIN), revents: 0)
            _ = poll(&descriptor, 1, Int32((deadline - now) / 1_000_000) + 1)
            if descriptor.revents & Int16(POLLIN) != 0 { _ = PQconsumeInput(conn) }
        }
    }

    /// Waits until the socket has data; false on timeout.
    private func waitReadable(_ conn: OpaquePointer, milliseconds: Int) throws -> Bool {
        var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(min(milliseconds, Int(Int32.max))))
        if ready < 0 && errno != EINTR { throw abandon(conn, "poll on the replication socket failed: \(String(cString: strerror(errno)))") }
        return ready > 0
    }

    private func brokenStream(_ conn: OpaquePointer) -> PGError {
        abandon(conn, trimmedMessage(PQerrorMessage(conn)).isEmpty ? "the replication connection broke" : trimmedMessage(PQerrorMessage(conn)))
    }

    /// Closes a connection that can no longer be used and returns the error to throw.
    private func abandon(_ conn: OpaquePointer, _ message: String) -> PGError {
        PQfinish(conn)
        handle = nil
        streaming = false
        return PGError(kind: .connection, message: message)
    }

    private func failure(_ conn: OpaquePointer, _ result: OpaquePointer?, fallback: String) -> PGError {
        let message = trimmedMessage(result.map { PQresultErrorMessage($0) } ?? PQerrorMessage(conn))
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let broken = PQstatus(conn) != CONNECTION_OK
        if broken {
            PQfinish(conn)
            handle = nil
            streaming = false
        }
        return PGError(kind: broken ? .connection : .query, message: message.isEmpty ? fallback : message, sqlState: state)
    }
}

/// Microseconds since 2000-01-01 UTC, the protocol's clock.
func postgresEpochMicroseconds() -> Int64 {
    Int64((Date().timeIntervalSince1970 - 946_684_800) * 1_000_000)
}

private func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

private func trimmedMessage(_ message: UnsafePointer<CChar>?) -> String {
    guard let message else { return "" }
    return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    let pointers = duplicated.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
