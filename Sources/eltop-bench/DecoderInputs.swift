import Foundation

/// Deterministic inputs of a few MB for the decoder figures, shaped like the real answers: every field
/// the server sends (most of them unread by eltop), realistic lengths, escapes where real text has them.
enum DecoderInputs {
    /// Airbyte's public API jobs list (`GET /api/public/v1/jobs`), `count` jobs of one connection.
    static func airbyteJobsList(count: Int) -> Data {
        let jobs = (0..<count).map { i in
            let status = ["succeeded", "succeeded", "failed", "running", "cancelled"][i % 5]
            return """
                {"jobId":\(100_000 + i),"status":"\(status)","jobType":"\(i % 7 == 0 ? "reset" : "sync")",\
                "startTime":"2026-11-\(String(format: "%02d", 1 + i % 28))T\(String(format: "%02d", i % 24)):15:0\(i % 10)Z",\
                "connectionId":"9f1c6a2e-\(String(format: "%04x", i % 65_536))-4c1e-8f00-5a9d2b7c3e11",\
                "lastUpdatedAt":"2026-11-\(String(format: "%02d", 1 + i % 28))T\(String(format: "%02d", i % 24)):21:4\(i % 10)Z",\
                "duration":"PT\(i % 50)M\(i % 60)S","bytesSynced":\(i * 7_919 % 900_000_000),"rowsSynced":\(i * 104_729 % 5_000_000)}
                """
        }
        return Data(#"{"previous":null,"next":"http://localhost:8000/api/public/v1/jobs?limit=\#(count)&offset=\#(count)","data":[\#(jobs.joined(separator: ","))]}"#.utf8)
    }

    /// Airbyte's config API job answer (`POST /api/v1/jobs/get`): a sync with `attempts` failed attempts,
    /// each with its stream stats, failure summary (stack trace included) and `logLines` lines of log.
    static func airbyteJobInfo(attempts: Int, logLines: Int) -> Data {
        let attemptsText = (0..<attempts).map { a in
            let streams = (0..<12).map { s in
                #"{"streamName":"table_\#(s)","streamNamespace":"public","stats":{"recordsEmitted":\#(s * 1_000 + a),"bytesEmitted":\#(s * 91_000),"recordsCommitted":\#(s * 1_000),"bytesCommitted":\#(s * 91_000),"stateMessagesEmitted":\#(s)}}"#
            }.joined(separator: ",")
            let stack = (0..<40).map { "\\tat io.airbyte.workers.general.BufferedReplicationWorker.run(BufferedReplicationWorker.java:\(200 + $0))" }.joined(separator: "\\n")
            let lines = (0..<logLines).map { l in
                "\"2026-11-25 12:\(String(format: "%02d", l / 60 % 60)):\(String(format: "%02d", l % 60)) replication-orchestrator > Records read: \(l * 1_000) (\(l * 91) KB), \\\"stream\\\": table_\(l % 12)\""
            }.joined(separator: ",")
            return """
                {"attempt":{"id":\(a),"status":"failed","createdAt":\(1_732_536_000 + a * 600),"updatedAt":\(1_732_536_300 + a * 600),\
                "endedAt":\(1_732_536_300 + a * 600),"bytesSynced":\(a * 1_000_000),"recordsSynced":\(a * 10_000),\
                "totalStats":{"recordsEmitted":\(a * 10_000),"bytesEmitted":\(a * 1_000_000),"stateMessagesEmitted":12,"recordsCommitted":0},\
                "streamStats":[\(streams)],\
                "failureSummary":{"failures":[{"failureOrigin":"source","failureType":"config_error",\
                "externalMessage":"password authentication failed for user \\"airbyte\\"",\
                "internalMessage":"org.postgresql.util.PSQLException: FATAL: password authentication failed for user \\"airbyte\\"",\
                "stacktrace":"org.postgresql.util.PSQLException: FATAL: password authentication failed\\n\(stack)",\
                "retryable":false,"timestamp":\(1_732_536_290_000 + a)}],"partialSuccess":false}},\
                "logs":{"logLines":[\(lines)]}}
                """
        }.joined(separator: ",")
        return Data("""
            {"job":{"id":4211,"configType":"sync","configId":"9f1c6a2e-0001-4c1e-8f00-5a9d2b7c3e11","createdAt":1732536000,\
            "updatedAt":1732537800,"status":"failed","startedAt":1732536001},"attempts":[\(attemptsText)]}
            """.utf8)
    }

    /// A one-partition SQL API answer for a warehouse poll's `INFORMATION_SCHEMA.TABLES` query, `rows` tables.
    static func snowflakeStatement(rows: Int) -> Data {
        let columns: [(String, String, String)] = [
            ("TABLE_SCHEMA", "text", #""byteLength":16777216,"length":16777216,"scale":null,"precision":null"#),
            ("TABLE_NAME", "text", #""byteLength":16777216,"length":16777216,"scale":null,"precision":null"#),
            ("ROW_COUNT", "fixed", #""byteLength":null,"length":null,"scale":0,"precision":38"#),
            ("BYTES", "fixed", #""byteLength":null,"length":null,"scale":0,"precision":38"#),
            ("LAST_ALTERED", "timestamp_ltz", #""byteLength":null,"length":null,"scale":9,"precision":0"#),
            ("CREATED", "timestamp_ltz", #""byteLength":null,"length":null,"scale":9,"precision":0"#),
            ("IS_TRANSIENT", "text", #""byteLength":3,"length":3,"scale":null,"precision":null"#),
            ("COMMENT", "text", #""byteLength":16777216,"length":16777216,"scale":null,"precision":null"#),
        ]
        let rowType = columns.map { name, type, sizes in
            #"{"name":"\#(name)","database":"ANALYTICS","schema":"INFORMATION_SCHEMA","table":"TABLES","nullable":true,"type":"\#(type)",\#(sizes),"collation":null}"#
        }.joined(separator: ",")
        let data = (0..<rows).map { i in
            let schema = ["RAW", "STAGING", "MARTS", "REPORTS"][i % 4]
            let comment = i % 9 == 0 ? "null" : #""Loaded by Airbyte from Postgres CDC; \"_airbyte\" columns kept""#
            return #"["\#(schema)","TABLE_\#(i)","\#(i * 7_919 % 90_000_000)","\#(i * 104_729 % 9_000_000_000)","\#(1_732_536_000 + i).123000000 1440","\#(1_700_000_000 + i).000000000 1440","NO",\#(comment)]"#
        }.joined(separator: ",")
        return Data("""
            {"resultSetMetaData":{"numRows":\(rows),"format":"jsonv2","partitionInfo":[{"rowCount":\(rows),"uncompressedSize":\(rows * 150)}],"rowType":[\(rowType)]},\
            "data":[\(data)],"code":"090001","statementStatusUrl":"/api/v2/statements/01b8c9d2-0000-1111-0000-00012345abcd?requestId=bench",\
            "requestId":"bench","sqlState":"00000","statementHandle":"01b8c9d2-0000-1111-0000-00012345abcd",\
            "message":"Statement executed successfully.","createdOn":1732536000000}
            """.utf8)
    }

    /// `run_results.json` (schema v6) of a `dbt build` over `models` models and three tests each, with
    /// the compiled SQL dbt writes into each result.
    static func dbtRunResults(models: Int) -> Data {
        var results: [String] = []
        results.reserveCapacity(models * 4)
        let sqlLine = "    case when \\\"status\\\" = 'shipped'\\tthen amount_usd * coalesce(fx_rate, 1.0) else 0 end as shipped_amount_usd,\\n"
        for i in 0..<models {
            let sql = "with source as (\\n    select * from ANALYTICS.STAGING.MODEL_\(i)\\n),\\nrenamed as (\\n  select\\n\(String(repeating: sqlLine, count: 12))    id\\n  from source\\n)\\nselect * from renamed\\n"
            results.append(result(id: "model.big_project.model_\(i)", status: i % 97 == 0 ? "error" : "success", seconds: 0.5 + Double(i % 40) / 8, rows: i % 3 == 0 ? -1 : i * 13, failures: nil, sql: sql, index: i))
            for t in 0..<3 {
                let status = (i + t) % 53 == 0 ? "fail" : (i % 97 == 0 ? "skipped" : "pass")
                results.append(result(id: "test.big_project.not_null_model_\(i)_col_\(t).\(String(i * 3 + t, radix: 16))", status: status, seconds: 0.1 + Double(t) / 10, rows: 0, failures: status == "fail" ? 2 : 0, sql: "select col_\(t)\\nfrom ANALYTICS.STAGING.MODEL_\(i)\\nwhere col_\(t) is null\\n", index: i))
            }
        }
        return Data("""
            {"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/run-results/v6.json","dbt_version":"1.11.16",\
            "generated_at":"2026-11-25T02:41:09.123456Z","invocation_id":"4b1c6f1e-1b0e-4f51-9d1c-3c2a9f1e0a11",\
            "invocation_started_at":"2026-11-25T02:00:00.000000Z","env":{}},"results":[\(results.joined(separator: ","))],\
            "elapsed_time":2469.5,"args":{"which":"build","select":[],"exclude":[],"threads":8,"target":"prod","log_format":"json"}}
            """.utf8)
    }

    private static func result(id: String, status: String, seconds: Double, rows: Int, failures: Int?, sql: String, index: Int) -> String {
        let minute = String(format: "%02d", index / 60 % 60), second = String(format: "%02d", index % 60)
        let message = status == "error" ? #""Database Error in model: column \"amount_usd\" does not exist""# : (status == "fail" ? #""Got 2 results, configured to fail if != 0""# : #""SUCCESS 1""#)
        return """
            {"status":"\(status)","timing":[{"name":"compile","started_at":"2026-11-25T02:\(minute):\(second).100000Z","completed_at":"2026-11-25T02:\(minute):\(second).200000Z"},\
            {"name":"execute","started_at":"2026-11-25T02:\(minute):\(second).200000Z","completed_at":"2026-11-25T02:\(minute):\(second).900000Z"}],\
            "thread_id":"Thread-\(index % 8 + 1) (worker)","execution_time":\(seconds),\
            "adapter_response":{"_message":"SUCCESS \(rows)","code":"SUCCESS","rows_affected":\(rows),"query_id":"01b8c9d2-0000-\(String(format: "%04x", index % 65_536))-0000-00012345abcd"},\
            "message":\(message),"failures":\(failures.map(String.init) ?? "null"),"unique_id":"\(id)","compiled":true,\
            "compiled_code":"\(sql)","relation_name":"ANALYTICS.STAGING.\(id.split(separator: ".").last!.uppercased())","batch_results":null}
            """
    }

    /// The pgoutput payloads captured from a real PostgreSQL for the replication tests
    /// (Tests/ReplicationTests/Fixtures/changes.hex): its relation messages once, then its changes and
    /// transaction messages again and again up to `bytes`.
    static func pgoutputPayloads(bytes: Int) throws -> [[UInt8]] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Tests/ReplicationTests/Fixtures/changes.hex")
        let captured: [[UInt8]] = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3 else { return nil }
            let hex = Array(parts[2].utf8).map { $0 <= UInt8(ascii: "9") ? $0 - UInt8(ascii: "0") : $0 - UInt8(ascii: "a") + 10 }
            return stride(from: 0, to: hex.count - 1, by: 2).map { hex[$0] << 4 | hex[$0 + 1] }
        }
        let relations = captured.filter { $0.first == UInt8(ascii: "R") || $0.first == UInt8(ascii: "Y") }
        let rest = captured.filter { $0.first != UInt8(ascii: "R") && $0.first != UInt8(ascii: "Y") }
        var payloads = relations
        var total = relations.reduce(0) { $0 + $1.count }
        while total < bytes, !rest.isEmpty {
            for payload in rest {
                payloads.append(payload)
                total += payload.count
            }
        }
        return payloads
    }
}
