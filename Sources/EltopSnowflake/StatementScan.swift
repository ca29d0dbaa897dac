import EltopJSON
import Foundation

/// Reads a SQL API answer (`StatementResponse`) with `JSONScanner`: the fields eltop uses, everything
/// else (`rowType`'s sizes and collations, `createdOn`, `requestId`) skipped unbuilt. `JSONDecoder`
/// built the whole tree first and read a 20,000-row answer at a fifth of python's `json.loads`
/// (docs/benchmarks.md); a warehouse poll of a big account is such an answer every 30 s.
///
/// What it accepts is what the `Decodable` types accepted: every field optional but `rowType` (in
/// `resultSetMetaData`), a column's `name` and `type` and a partition's `rowCount`; null is absent;
/// `data` is rows of strings or nulls; a field of the wrong kind, an integer with a fraction or past
/// Int64, or text after the document is an error, never a trap. Errors are `JSONScanError` for broken
/// JSON and `SnowflakeError.malformedResponse` naming the field otherwise; `SnowflakeClient` words both
/// as a body that is not the documented JSON.
enum StatementScan {
    static func read(_ body: Data) throws -> StatementResponse {
        try body.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            let response = try readResponse(&scanner)
            try scanner.expectEnd()
            return response
        }
    }

    private static func readResponse(_ scanner: inout JSONScanner) throws -> StatementResponse {
        var response = StatementResponse()
        try object(&scanner, "the answer") { scanner, key in
            switch key.count {
            case 4 where key == "code": response.code = try scanner.readOptionalString()
            case 4 where key == "data": response.data = try readRows(&scanner)
            case 7 where key == "message": response.message = try scanner.readOptionalString()
            case 8 where key == "sqlState": response.sqlState = try scanner.readOptionalString()
            case 15 where key == "statementHandle": response.statementHandle = try scanner.readOptionalString()
            case 17 where key == "resultSetMetaData": response.resultSetMetaData = try readMetaData(&scanner)
            case 18 where key == "statementStatusUrl": response.statementStatusUrl = try scanner.readOptionalString()
            default: break
            }
        }
        return response
    }

    /// `data`: an array of rows, each an array of strings or nulls (`jsonv2` sends every value as text).
    private static func readRows(_ scanner: inout JSONScanner) throws -> [[String?]]? {
        if try scanner.readNullIfPresent() { return nil }
        var rows: [[String?]] = []
        try scanner.forEachElement { scanner in
            var row: [String?] = []
            try scanner.forEachElement { scanner in row.append(try scanner.readOptionalString()) }
            rows.append(row)
        }
        return rows
    }

    private static func readMetaData(_ scanner: inout JSONScanner) throws -> ResultSetMetaData? {
        if try scanner.readNullIfPresent() { return nil }
        var numRows: Int?, format: String?, rowType: [SnowflakeColumn]?, partitionInfo: [PartitionInfo]?
        try object(&scanner, "resultSetMetaData") { scanner, key in
            if key == "numRows" {
                numRows = try optionalInt(&scanner, "numRows")
            } else if key == "format" {
                format = try scanner.readOptionalString()
            } else if key == "rowType" {
                guard try !scanner.readNullIfPresent() else { return }
                var columns: [SnowflakeColumn] = []
                try scanner.forEachElement { scanner in columns.append(try readColumn(&scanner)) }
                rowType = columns
            } else if key == "partitionInfo" {
                guard try !scanner.readNullIfPresent() else { return }
                var partitions: [PartitionInfo] = []
                try scanner.forEachElement { scanner in partitions.append(try readPartition(&scanner)) }
                partitionInfo = partitions
            }
        }
        guard let rowType else { throw SnowflakeError.malformedResponse("resultSetMetaData without rowType") }
        return ResultSetMetaData(numRows: numRows, format: format, rowType: rowType, partitionInfo: partitionInfo)
    }

    private static func readColumn(_ scanner: inout JSONScanner) throws -> SnowflakeColumn {
        var name: String?, type: String?, scale: Int?, nullable: Bool?
        try object(&scanner, "a rowType column") { scanner, key in
            switch key.count {
            case 4 where key == "name": name = try scanner.readOptionalString()
            case 4 where key == "type": type = try scanner.readOptionalString()
            case 5 where key == "scale": scale = try optionalInt(&scanner, "scale")
            case 8 where key == "nullable":
                if try !scanner.readNullIfPresent() { nullable = try scanner.readBool() }
            default: break
            }
        }
        guard let name, let type else { throw SnowflakeError.malformedResponse("a rowType column without its name or type") }
        return SnowflakeColumn(name: name, type: type, scale: scale, nullable: nullable)
    }

    private static func readPartition(_ scanner: inout JSONScanner) throws -> PartitionInfo {
        var rowCount: Int?, uncompressedSize: Int?
        try object(&scanner, "a partitionInfo entry") { scanner, key in
            if key == "rowCount" {
                rowCount = try optionalInt(&scanner, "rowCount")
            } else if key == "uncompressedSize" {
                uncompressedSize = try optionalInt(&scanner, "uncompressedSize")
            }
        }
        guard let rowCount else { throw SnowflakeError.malformedResponse("a partitionInfo entry without rowCount") }
        return PartitionInfo(rowCount: rowCount, uncompressedSize: uncompressedSize)
    }

    /// The members of the object that starts here; `what` names it if something else is there.
    private static func object(_ scanner: inout JSONScanner, _ what: String, _ body: (inout JSONScanner, JSONKey) throws -> Void) throws {
        guard try scanner.peekKind() == .object else { throw SnowflakeError.malformedResponse("\(what) is not an object") }
        try scanner.forEachMember(body)
    }

    /// An integer or null. As `JSONDecoder` did, `3.0` or `3e2` is taken; a fraction or a number past
    /// Int64 (NUMBER(38) is bigger) is an error.
    private static func optionalInt(_ scanner: inout JSONScanner, _ key: String) throws -> Int? {
        if try scanner.readNullIfPresent() { return nil }
        guard try scanner.peekKind() == .number else { throw SnowflakeError.malformedResponse("\(key) is not a number") }
        guard let value = try scanner.readIntegral() else { throw SnowflakeError.malformedResponse("\(key) is not an integer") }
        return Int(value)
    }
}
