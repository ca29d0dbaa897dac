import CLibpq
import Foundation

/// Bulk paths for writers (the demo's generator and raw loader): COPY in both directions and
/// multi-statement scripts. Same queue and lazy connection as `query`, so calls stay ordered per session.
extension PGConnection {
    /// Runs `sql` (several statements allowed) with libpq's simple query protocol, for DDL scripts.
    public func execute(script sql: String) async throws {
        try await onQueue {
            let conn = Self.quiet(try self.connected())
            var result = PQexec(conn, sql)
            var failure: PGError?
            while let current = result {
                let status = PQresultStatus(current)
                if failure == nil, status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK, status != PGRES_EMPTY_QUERY {
                    failure = Self.error(current, conn)
                }
                PQclear(current)
                result = PQgetResult(conn)
            }
            if let failure { throw failure }
        }
    }

    /// `COPY … FROM STDIN` with `data` (in the COPY statement's format) as its input; returns the row count.
    @discardableResult
    public func copyIn(_ sql: String, data: Data) async throws -> Int {
        try await onQueue {
            let conn = Self.quiet(try self.connected())
            let start = PQexec(conn, sql)
            guard PQresultStatus(start) == PGRES_COPY_IN else {
                defer { PQclear(start) }
                throw Self.error(start, conn)
            }
            PQclear(start)
            let chunk = 1 << 20
            var sent = true
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count, sent {
                    let length = min(chunk, bytes.count - offset)
                    let base = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                    sent = PQputCopyData(conn, base, Int32(length)) == 1
                    offset += length
                }
            }
            _ = PQputCopyEnd(conn, sent ? nil : "eltop could not send the data")
            return try Self.finishCopy(conn)
        }
    }

    /// `COPY … TO STDOUT`; returns everything the server sent, in the statement's format.
    public func copyOut(_ sql: String) async throws -> Data {
        try await onQueue {
            let conn = try self.connected()
            let start = PQexec(conn, sql)
            guard PQresultStatus(start) == PGRES_COPY_OUT else {
                defer { PQclear(start) }
                throw Self.error(start, conn)
            }
            PQclear(start)
            var output = Data()
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(conn, &buffer, 0)
                if length > 0, let buffer {
                    output.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(length))
                    PQfreemem(buffer)
                    continue
                }
                break
            }
            _ = try Self.finishCopy(conn)
            return output
        }
    }

    /// Drops the server's NOTICEs ("schema … already exists, skipping") instead of libpq's default of
    /// printing them on stderr, where they would land on the dashboard's screen or a headless run's output.
    private static func quiet(_ conn: OpaquePointer) -> OpaquePointer {
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return conn
    }

    /// Reads the results that end a COPY; returns the rows it reported (`COPY 42`).
    private static func finishCopy(_ conn: OpaquePointer) throws -> Int {
        var rows = 0
        var failure: PGError?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? rows
            } else if failure == nil {
                failure = error(result, conn)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return rows
    }

    private static func error(_ result: OpaquePointer?, _ conn: OpaquePointer) -> PGError {
        let broken = PQstatus(conn) != CONNECTION_OK
        let message = trimmed(result.map { PQresultErrorMessage($0) } ?? PQerrorMessage(conn))
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        return PGError(kind: broken ? .connection : .query, message: message.isEmpty ? trimmed(PQerrorMessage(conn)) : message, sqlState: state)
    }
}
