import EltopCore
import EltopJSON
import Foundation

/// The fields of `run_results.json` (schema v4–v6) the pane needs, read by `DbtRunResultsScan`.
struct DbtRunResults {
    static let supportedVersions = 4...6

    struct Metadata {
        var dbt_schema_version: String?
        var generated_at: String?
        var invocation_started_at: String?
    }

    struct Timing {
        var name: String
        var started_at: String?
        var completed_at: String?
    }

    /// `rows_affected` is an integer in run_results but a float (`3.0`) in the debug log; accept both.
    /// Decodable for the log's lines (DbtLogParser); run_results is scanned.
    struct AdapterResponse: Decodable {
        var rows_affected: Int64?
        enum CodingKeys: String, CodingKey { case rows_affected }
        init(rows_affected: Int64?) { self.rows_affected = rows_affected }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rows_affected = FlexibleNumber.int64(c, .rows_affected)
        }
    }

    struct Result {
        var unique_id: String
        var status: DbtNodeStatus
        var execution_time: Double?
        var message: String?
        var failures: Int64?
        var adapter_response: AdapterResponse?
        var timing: [Timing]?
    }

    var metadata: Metadata
    var elapsed_time: Double?
    var results: [Result]

    static func decode(_ data: Data) throws -> DbtRunResults {
        let results: DbtRunResults
        do {
            results = try data.withUnsafeBytes { try DbtRunResultsScan.read(JSONScanner($0.bindMemory(to: UInt8.self))) }
        } catch {
            throw DbtArtifactError("run_results.json is not readable (dbt may be writing it): \(error)")
        }
        let version = SchemaVersion.number(in: results.metadata.dbt_schema_version, artifact: "run-results")
        guard let version, supportedVersions.contains(version) else {
            throw DbtArtifactError(
                "run_results.json has schema \(results.metadata.dbt_schema_version ?? "unknown"); eltop reads v4–v6")
        }
        return results
    }

    var summary: DbtRunSummary {
        let firstStart = results.compactMap { $0.timing?.first.flatMap { DbtTimestamp.parse($0.started_at) } }.min()
        return DbtRunSummary(
            startedAt: DbtTimestamp.parse(metadata.invocation_started_at) ?? firstStart,
            endedAt: DbtTimestamp.parse(metadata.generated_at), elapsedSeconds: elapsed_time)
    }
}

extension DbtRunResults.Result {
    /// Lays this result over a manifest node.
    func apply(to node: inout DbtNode) {
        node.status = status
        node.executionTime = execution_time
        node.rowsAffected = adapter_response?.rows_affected.flatMap { $0 >= 0 ? $0 : nil }
        node.message = message
        node.failures = failures
        node.startedAt = (timing?.first { $0.name == "execute" } ?? timing?.first).flatMap { DbtTimestamp.parse($0.started_at) }
    }

    /// Takes off what `apply(to:)` laid over a node, back to the manifest's node (which has no result):
    /// every field `apply` sets, so the two must change together.
    static func clear(_ node: inout DbtNode) {
        node.status = nil
        node.executionTime = nil
        node.rowsAffected = nil
        node.message = nil
        node.failures = nil
        node.startedAt = nil
    }
}

/// Numbers dbt writes sometimes as integers and sometimes as floats.
enum FlexibleNumber {
    static func int64<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) -> Int64? {
        if let value = try? c.decodeIfPresent(Int64.self, forKey: key) { return value }
        // `Int64(_:)` traps on a float outside its range (`1e300`): such a count is dropped, not a crash.
        if let value = try? c.decodeIfPresent(Double.self, forKey: key) { return Int64(exactly: value.rounded(.towardZero)) }
        return nil
    }
}
