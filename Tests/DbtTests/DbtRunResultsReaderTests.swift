import EltopCore
import XCTest

@testable import EltopPollers

/// The run_results reader (`DbtRunResultsScan`) on what dbt writes and on what a half-written or foreign
/// file looks like: the fields the pane reads, everything else skipped, and an error rather than a
/// wrong result for damage.
final class DbtRunResultsReaderTests: XCTestCase {
    private func runResults(_ results: String, version: Int = 6, extra: String = "") -> Data {
        Data(#"{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/run-results/v\#(version).json","dbt_version":"1.8.0","generated_at":"2026-11-25T12:00:09.5Z","invocation_started_at":"2026-11-25T12:00:00Z","env":{}},"results":[\#(results)],"elapsed_time":9.25,"args":{"select":["a"],"nested":{"x":[1,{"y":null}]}}\#(extra)}"#.utf8)
    }

    private let model = #"""
        {"status":"success","timing":[{"name":"compile","started_at":"2026-11-25T12:00:01Z","completed_at":"2026-11-25T12:00:02Z"},{"name":"execute","started_at":"2026-11-25T12:00:02.5Z","completed_at":"2026-11-25T12:00:04Z"}],
         "thread_id":"Thread-1","execution_time":2.5,"adapter_response":{"_message":"SELECT 3","code":"SELECT","rows_affected":3},
         "message":"SELECT 3","failures":null,"unique_id":"model.p.orders","compiled":true,"compiled_code":"select '\"}]' from x","relation_name":"\"db\".\"s\".\"orders\"","batch_results":null}
        """#

    func testTheFieldsThePaneReadsAndNothingElse() throws {
        let results = try DbtRunResults.decode(runResults(model + #",{"status":"fail","unique_id":"test.p.t","failures":2,"execution_time":null,"timing":[],"message":null,"adapter_response":{}}"#))
        XCTAssertEqual(results.metadata.generated_at, "2026-11-25T12:00:09.5Z")
        XCTAssertEqual(results.metadata.invocation_started_at, "2026-11-25T12:00:00Z")
        XCTAssertEqual(results.elapsed_time, 9.25)
        XCTAssertEqual(results.results.map(\.unique_id), ["model.p.orders", "test.p.t"])
        let first = results.results[0]
        XCTAssertEqual(first.status, .success)
        XCTAssertEqual(first.execution_time, 2.5)
        XCTAssertEqual(first.message, "SELECT 3")
        XCTAssertNil(first.failures)
        XCTAssertEqual(first.adapter_response?.rows_affected, 3)
        XCTAssertEqual(first.timing?.map(\.name), ["compile", "execute"])
        XCTAssertEqual(first.timing?.last?.started_at, "2026-11-25T12:00:02.5Z")
        let second = results.results[1]
        XCTAssertEqual(second.status, .fail)
        XCTAssertEqual(second.failures, 2)
        XCTAssertNil(second.execution_time)
        XCTAssertNil(second.adapter_response?.rows_affected)
        XCTAssertEqual(second.timing?.count, 0)
    }

    func testCountsWrittenAsFloatsAreTruncatedAndOnesPastInt64Dropped() throws {
        let results = try DbtRunResults.decode(runResults(#"""
            {"status":"success","unique_id":"a","failures":2.0,"adapter_response":{"rows_affected":3.7}},
            {"status":"success","unique_id":"b","failures":1e300,"adapter_response":{"rows_affected":99999999999999999999}},
            {"status":"success","unique_id":"c","failures":"many","adapter_response":{"rows_affected":-1}}
            """#))
        XCTAssertEqual(results.results.map(\.failures), [2, nil, nil])
        XCTAssertEqual(results.results.map { $0.adapter_response?.rows_affected }, [3, nil, -1])
    }

    func testStatusesDbtWritesBeyondTheNamedOnes() throws {
        let results = try DbtRunResults.decode(runResults(#"{"status":"runtime error","unique_id":"a"},{"status":"partial success","unique_id":"b"},{"status":"brand new","unique_id":"c"}"#))
        XCTAssertEqual(results.results.map(\.status), [.runtimeError, .partialSuccess, .other("brand new")])
    }

    func testDamageIsAnErrorNeverAShorterResult() {
        let good = runResults(model)
        XCTAssertNoThrow(try DbtRunResults.decode(good))
        var broken: [(String, Data)] = [
            ("no unique_id", runResults(#"{"status":"success"}"#)),
            ("no status", runResults(#"{"unique_id":"a"}"#)),
            ("a string for execution_time", runResults(#"{"status":"success","unique_id":"a","execution_time":"2.5"}"#)),
            ("a number for message", runResults(#"{"status":"success","unique_id":"a","message":3}"#)),
            ("a timing without name", runResults(#"{"status":"success","unique_id":"a","timing":[{"started_at":null}]}"#)),
            ("no results", Data(#"{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/run-results/v6.json"}}"#.utf8)),
            ("no metadata", Data(#"{"results":[]}"#.utf8)),
            ("two documents", good + Data("{}".utf8)),
            ("not JSON", Data("<html>502</html>".utf8)),
        ]
        for cut in stride(from: 1, to: good.count, by: 97) { broken.append(("cut at \(cut)", good.prefix(cut))) }
        for (what, data) in broken {
            XCTAssertThrowsError(try DbtRunResults.decode(data), what) { error in
                XCTAssertTrue("\(error)".hasPrefix("run_results.json is not readable (dbt may be writing it): "), "\(what): \(error)")
            }
        }
    }

    func testSchemasV4ToV6AreReadAndOthersRefused() throws {
        for version in 4...6 { XCTAssertEqual(try DbtRunResults.decode(runResults(model, version: version)).results.count, 1, "v\(version)") }
        XCTAssertThrowsError(try DbtRunResults.decode(runResults(model, version: 7))) { error in
            XCTAssertEqual("\(error)", "run_results.json has schema https://schemas.getdbt.com/dbt/run-results/v7.json; eltop reads v4–v6")
        }
    }
}
