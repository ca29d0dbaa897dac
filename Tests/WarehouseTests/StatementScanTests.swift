import EltopSnowflake
import Foundation
import XCTest

/// A SQL API answer read by `JSONScanner` (`StatementScan`): what `JSONDecoder` accepted it accepts,
/// what it refused it refuses; the pane's wording of a refusal is `SnowflakeClient`'s (the contract tests).
final class StatementScanTests: XCTestCase {
    private func answer(_ text: String) throws -> SnowflakeResultSet { try SnowflakeResultSet.decodeStatementAnswer(Data(text.utf8)) }

    func testColumnsAndRowsWithTheFieldsEltopDoesNotRead() throws {
        let result = try answer("""
            {"resultSetMetaData":{"numRows":2,"format":"jsonv2","partitionInfo":[{"rowCount":2,"uncompressedSize":null}],
              "rowType":[{"name":"TABLE_NAME","database":"A","type":"text","scale":null,"nullable":true,"length":16777216,"collation":null},
                         {"name":"ROW_COUNT","type":"fixed","scale":0,"nullable":false,"precision":38}]},
             "data":[["T\\u00e9 \\"1\\"","123456789012345678901234567890"],["T2",null]],
             "code":"090001","requestId":"r","createdOn":1732536000000,"statementHandle":"h"}
            """)
        XCTAssertEqual(result.columns, [
            SnowflakeColumn(name: "TABLE_NAME", type: "text", scale: nil, nullable: true),
            SnowflakeColumn(name: "ROW_COUNT", type: "fixed", scale: 0, nullable: false),
        ])
        XCTAssertEqual(result.rows, [["Té \"1\"", "123456789012345678901234567890"], ["T2", nil]])
        XCTAssertNil(result.records[0].int64("ROW_COUNT"), "NUMBER(38) past Int64 is no count, not a trap")
    }

    func testAnAnswerWithoutDataHasNoRows() throws {
        XCTAssertEqual(try answer(#"{"resultSetMetaData":{"rowType":[]},"data":null}"#).rows, [])
        XCTAssertEqual(try answer(#"{"resultSetMetaData":{"rowType":[],"numRows":3.0}}"#).rows, [])
    }

    func testWhatJSONDecoderRefusedIsRefused() {
        let refused = [
            #"{"code":"1"}"#,  // no resultSetMetaData: not a result
            #"{"resultSetMetaData":{"numRows":1}}"#,  // rowType is required
            #"{"resultSetMetaData":{"rowType":null}}"#,
            #"{"resultSetMetaData":{"rowType":[{"name":"A"}]}}"#,  // a column's type is required
            #"{"resultSetMetaData":{"rowType":[{"name":"A","type":null}]}}"#,
            #"{"resultSetMetaData":{"rowType":[],"partitionInfo":[{"uncompressedSize":1}]}}"#,
            #"{"resultSetMetaData":{"rowType":[],"numRows":1.5}}"#,
            #"{"resultSetMetaData":{"rowType":[],"numRows":99999999999999999999}}"#,
            #"{"resultSetMetaData":{"rowType":[]},"data":[[1]]}"#,  // values are strings or null
            #"{"resultSetMetaData":{"rowType":[]},"data":[null]}"#,
            #"{"resultSetMetaData":{"rowType":[]},"code":7}"#,
            #"{"resultSetMetaData":{"rowType":[{"name":"A","type":"text","nullable":"yes"}]}}"#,
            #"{"resultSetMetaData":{"rowType":[]}} {}"#,
            #"{"resultSetMetaData":{"rowType":[]},"data":[["a"]"#,
            #"[]"#, "",
        ]
        for text in refused {
            XCTAssertThrowsError(try answer(text), text)
        }
    }
}
