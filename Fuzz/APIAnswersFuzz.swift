// libFuzzer entry for the JSON answers of Airbyte's APIs and Snowflake's SQL API, built by `make fuzz`
// from the wire types and their decoding entry points alone (`AirbyteWire`, `AirbyteAnswerDecoding`,
// `AirbyteAnswerScan`, `AirbyteJobsScan`, `StatementResponse`, `StatementScan`, `StatementDecoding`,
// `SnowflakeResultSet`, `SnowflakeError`, over the EltopJSON module): no HTTP, no server. Every input is given to the three decoders as a response body, and a statement answer that
// decodes is read through every typed accessor of every column (the parse of numbers, times and
// booleans from the API's strings) — each must end in a value or an error, never a trap.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIAnswers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    _ = try? AirbyteAnswerDecoding.jobsList(body)
    _ = try? AirbyteAnswerDecoding.jobInfo(body)
    if let result = try? SnowflakeResultSet.decodeStatementAnswer(body) {
        for row in result.records {
            for column in result.columns {
                _ = row.string(column.name)
                _ = row.int64(column.name)
                _ = row.date(column.name)
                _ = row.bool(column.name)
            }
        }
    }
    return 0
}
