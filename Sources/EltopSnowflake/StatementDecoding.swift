import Foundation

extension SnowflakeResultSet {
    /// A one-partition SQL API answer (200, `jsonv2`) as `SnowflakeClient` decodes it: columns and rows.
    /// Public so that `eltop-bench` can measure the decoding without a server.
    public static func decodeStatementAnswer(_ body: Data) throws -> SnowflakeResultSet {
        let answer = try StatementScan.read(body)
        guard let meta = answer.resultSetMetaData else { throw SnowflakeError.malformedResponse("no resultSetMetaData") }
        return SnowflakeResultSet(columns: meta.rowType, rows: answer.data ?? [])
    }
}
