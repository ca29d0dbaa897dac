import Foundation

/// The SQL API's answer to a statement or a status/partition request, as documented for `jsonv2`.
///
/// 200 carries `resultSetMetaData` and the first partition's `data`; 202 carries `code` 333334 and
/// the handle to poll; 408/422 carry `code`, `sqlState` and `message`. A later partition's answer has
/// only `data`. Read by `JSONScanner` (`StatementScan`), not `Decodable`.
struct StatementResponse {
    var code: String?
    var message: String?
    var sqlState: String?
    var statementHandle: String?
    var statementStatusUrl: String?
    var resultSetMetaData: ResultSetMetaData?
    var data: [[String?]]?
}

struct ResultSetMetaData {
    var numRows: Int?
    var format: String?
    var rowType: [SnowflakeColumn]
    var partitionInfo: [PartitionInfo]?
}

struct PartitionInfo {
    var rowCount: Int
    var uncompressedSize: Int?
}

/// One column of a result, from `rowType`. `type` is Snowflake's lowercase type name (`fixed`,
/// `text`, `timestamp_ltz`, `boolean`, ...); `scale` says whether a `fixed` has decimals.
public struct SnowflakeColumn: Equatable, Sendable {
    public var name: String
    public var type: String
    public var scale: Int?
    public var nullable: Bool?

    public init(name: String, type: String, scale: Int? = nil, nullable: Bool? = nil) {
        self.name = name
        self.type = type
        self.scale = scale
        self.nullable = nullable
    }
}
