import EltopCore
import Foundation

/// Turns one line of `dbt --log-format json` output into a `DbtLogRecord`.
///
/// Every field is optional and read leniently (a field of an unexpected type is skipped, not fatal):
/// dbt adds and changes event fields between versions, and one odd line must not cost the rest of the
/// run. A line that is not JSON (a Python traceback on stderr) becomes a `text` record at error level.
public enum DbtLogParser {
    public static func parse(_ line: String, at: Date) -> DbtLogRecord {
        guard let line_ = try? JSONDecoder().decode(LogLine.self, from: Data(line.utf8)) else {
            return DbtLogRecord(at: at, name: "text", level: "error", message: line)
        }
        let info = line_.info, data = line_.data
        var record = DbtLogRecord(at: at, name: info.name ?? "unknown", level: info.level ?? "info", message: info.msg ?? "")
        let node = data?.node_info
        record.uniqueId = node?.unique_id.flatMap { $0.isEmpty ? nil : $0 }
        record.nodeName = node?.node_name
        record.resourceType = node?.resource_type
        record.materialized = node?.materialized
        record.nodeStatus = node?.node_status
        record.index = data?.index
        record.total = data?.total ?? data?.node_count
        record.executionTime = data?.execution_time ?? data?.run_result?.execution_time
        record.rowsAffected = data?.run_result?.adapter_response?.rows_affected
        record.failures = data?.num_failures ?? data?.run_result?.num_failures
        if record.name == "SQLCompiledPath" { record.compiledPath = data?.path }
        if record.name == "RunResultError" { record.errorMessage = data?.msg }
        return record
    }

    private struct LogLine: Decodable {
        var info: Info
        var data: Payload?
    }

    private struct Info: Decodable {
        var name: String?
        var level: String?
        var msg: String?
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = c.lenient("name")
            level = c.lenient("level")
            msg = c.lenient("msg")
        }
    }

    private struct NodeInfo: Decodable {
        var unique_id, node_name, resource_type, materialized, node_status: String?
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            unique_id = c.lenient("unique_id")
            node_name = c.lenient("node_name")
            resource_type = c.lenient("resource_type")
            materialized = c.lenient("materialized")
            node_status = c.lenient("node_status")
        }
    }

    private struct RunResult: Decodable {
        var execution_time: Double?
        var num_failures: Int64?
        var adapter_response: DbtRunResults.AdapterResponse?
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            execution_time = c.lenient("execution_time")
            num_failures = FlexibleNumber.int64(c, AnyKey("num_failures"))
            adapter_response = c.lenient("adapter_response")
        }
    }

    private struct Payload: Decodable {
        var node_info: NodeInfo?
        var index, total, node_count: Int?
        var execution_time: Double?
        var num_failures: Int64?
        var run_result: RunResult?
        var path, msg: String?
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            node_info = c.lenient("node_info")
            index = c.lenient("index")
            total = c.lenient("total")
            node_count = c.lenient("node_count")
            execution_time = c.lenient("execution_time")
            num_failures = FlexibleNumber.int64(c, AnyKey("num_failures"))
            run_result = c.lenient("run_result")
            path = c.lenient("path")
            msg = c.lenient("msg")
        }
    }
}

/// A coding key made from any string, for lenient field-by-field decoding.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where K == AnyKey {
    /// The value under `key`, or nil when it is missing, null or of another type.
    func lenient<T: Decodable>(_ key: String) -> T? {
        (try? decodeIfPresent(T.self, forKey: AnyKey(key))) ?? nil
    }
}
