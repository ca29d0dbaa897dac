import Foundation

/// Result sets in the SQL API's documented `jsonv2` shape: `resultSetMetaData` with `rowType` and
/// `partitionInfo`, `data` as arrays of strings or null, and the status fields around them.
///
/// The `rowType` entries are written out by hand as Snowflake sends them (every field present, most
/// null), so the client is tested against the real shape, not against what eltop happens to read.
public struct SQLAPIFixture: Sendable {
    public var rowType: String
    public var rows: [[String?]]

    public init(rowType: String, rows: [[String?]]) {
        self.rowType = rowType
        self.rows = rows
    }

    /// `SHOW TABLES IN SCHEMA` columns as Snowflake lists them, cut to the ones before `owner`.
    public static func showTables(_ tables: [(schema: String, name: String, rows: Int, bytes: Int)]) -> SQLAPIFixture {
        SQLAPIFixture(
            rowType: """
                [{"name":"created_on","database":"","schema":"","table":"","nullable":true,"type":"timestamp_ltz","byteLength":null,"length":null,"scale":9,"precision":0,"collation":null},
                 {"name":"name","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"database_name","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"schema_name","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"kind","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"comment","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"cluster_by","database":"","schema":"","table":"","nullable":true,"type":"text","byteLength":16777216,"length":16777216,"scale":null,"precision":null,"collation":null},
                 {"name":"rows","database":"","schema":"","table":"","nullable":true,"type":"fixed","byteLength":null,"length":null,"scale":0,"precision":38,"collation":null},
                 {"name":"bytes","database":"","schema":"","table":"","nullable":true,"type":"fixed","byteLength":null,"length":null,"scale":0,"precision":38,"collation":null}]
                """,
            rows: tables.map { ["1732500000.123000000", $0.name, "ANALYTICS", $0.schema, "TABLE", "", "", String($0.rows), String($0.bytes)] })
    }

    /// One text column `N` and the given values, for partition and polling tests.
    public static func numbers(_ count: Int) -> SQLAPIFixture {
        SQLAPIFixture(
            rowType: #"[{"name":"N","database":"","schema":"","table":"","nullable":false,"type":"fixed","byteLength":null,"length":null,"scale":0,"precision":38,"collation":null}]"#,
            rows: (0..<count).map { [String($0)] })
    }

    /// The first page: metadata for the whole result and the rows of partition 0.
    public func firstPage(handle: String, partitions: Int) -> String {
        let sizes = partitionSizes(partitions)
        let info = sizes.map { #"{"rowCount":\#($0),"uncompressedSize":\#($0 * 20)}"# }.joined(separator: ",")
        return """
            {"resultSetMetaData":{"numRows":\(rows.count),"format":"jsonv2","partitionInfo":[\(info)],"rowType":\(rowType)},
             "data":\(Self.encode(Array(rows.prefix(sizes[0])))),
             "code":"090001","statementStatusUrl":"/api/v2/statements/\(handle)?requestId=fixture","requestId":"fixture",
             "sqlState":"00000","statementHandle":"\(handle)","message":"Statement executed successfully.","createdOn":1732500000000}
            """
    }

    /// A later partition's answer, which carries only `data`.
    public func page(_ index: Int, of partitions: Int) -> String {
        let sizes = partitionSizes(partitions)
        let start = sizes.prefix(index).reduce(0, +)
        return #"{"data":\#(Self.encode(Array(rows[start..<start + sizes[index]])))}"#
    }

    public static func inProgress(handle: String) -> String {
        """
        {"code":"333334","message":"Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
         "statementHandle":"\(handle)","statementStatusUrl":"/api/v2/statements/\(handle)"}
        """
    }

    public static func error(code: String, sqlState: String, message: String, handle: String = "01b0000000000000") -> String {
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        return #"{"code":"\#(code)","message":"\#(escaped)","sqlState":"\#(sqlState)","statementHandle":"\#(handle)","statementStatusUrl":"/api/v2/statements/\#(handle)"}"#
    }

    private func partitionSizes(_ partitions: Int) -> [Int] {
        let base = rows.count / partitions
        return (0..<partitions).map { $0 < rows.count % partitions ? base + 1 : base }
    }

    private static func encode(_ rows: [[String?]]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: rows.map { $0.map { $0 as Any? ?? NSNull() } })
        return String(decoding: data, as: UTF8.self)
    }
}
