/// One CopyData message of the streaming replication protocol: XLogData (`w`) or a keepalive (`k`).
///
/// In a logical walsender both LSNs of `w` are the LSN of the WAL record the payload came from (0/0
/// for a Relation or Type message sent ahead of a change), so they say nothing about how far the
/// server is: only Commit end LSNs and keepalives do.
public enum ReplicationFrame: Equatable, Sendable {
    /// `w`: the record's LSN, the send time (µs since 2000-01-01), and where the pgoutput payload starts.
    case xLogData(recordLSN: LSN, sendTime: Int64, payloadOffset: Int)
    /// `k`: the server's WAL end, the send time, and whether it asks for a status update now.
    case keepalive(walEnd: LSN, sendTime: Int64, replyRequested: Bool)

    /// Reads the header of one CopyData message; for `w` the payload is `bytes[payloadOffset...]`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> ReplicationFrame {
        var reader = ByteReader(bytes)
        switch try reader.u8() {
        case UInt8(ascii: "w"):
            let start = try reader.u64()
            _ = try reader.u64()  // "current end of WAL": in a logical walsender the same record LSN
            let time = try reader.i64()
            return .xLogData(recordLSN: LSN(start), sendTime: time, payloadOffset: reader.offset)
        case UInt8(ascii: "k"):
            let end = try reader.u64()
            let time = try reader.i64()
            return .keepalive(walEnd: LSN(end), sendTime: time, replyRequested: try reader.u8() != 0)
        case let other:
            throw DecodeError.unknownMessage(other)
        }
    }
}
