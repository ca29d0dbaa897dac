@testable import EltopPollers
import Foundation
import XCTest

/// The public API's jobs list read by `JSONScanner` (`AirbyteJobsScan`): what `JSONDecoder` accepted it
/// accepts, and what it refused it refuses, with the words `ResponseExplanation` gives the pane.
final class AirbyteJobsScanTests: XCTestCase {
    private func jobs(_ text: String) throws -> [PublicJob] { try PublicJobs.scan(body: Data(text.utf8)).data }

    /// The pane's words for a body that does not read, as `AirbyteAPI.call` gives them.
    private func refusal(_ text: String) -> String {
        do {
            _ = try jobs(text)
            return "read"
        } catch {
            return ResponseExplanation.decoding(error, bytes: text.utf8.count)
        }
    }

    func testEveryFieldWithUnknownKeysAndNulls() throws {
        let list = try jobs("""
            {"previous":null,"next":"x","data":[
             {"jobId":7,"status":"succeeded","jobType":"sync","startTime":"2026-12-01T10:00:00Z","connectionId":"c1",
              "lastUpdatedAt":"2026-12-01T10:05:00Z","duration":"PT5M","bytesSynced":9007199254740993,"rowsSynced":12,"extra":{"a":[1,2]}},
             {"jobId":8,"status":"running","jobType":"reset","startTime":null,"connectionId":null,"bytesSynced":null}]}
            """)
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(list[0].jobId, 7)
        XCTAssertEqual(list[0].status, "succeeded")
        XCTAssertEqual(list[0].jobType, "sync")
        XCTAssertEqual(list[0].startTime, "2026-12-01T10:00:00Z")
        XCTAssertEqual(list[0].connectionId, "c1")
        XCTAssertEqual(list[0].lastUpdatedAt, "2026-12-01T10:05:00Z")
        XCTAssertEqual(list[0].duration, "PT5M")
        XCTAssertEqual(list[0].bytesSynced, 9_007_199_254_740_993, "an integer past 2^53 is kept exactly")
        XCTAssertEqual(list[0].rowsSynced, 12)
        XCTAssertEqual(list[1].jobType, "reset")
        XCTAssertNil(list[1].startTime)
        XCTAssertNil(list[1].connectionId)
        XCTAssertNil(list[1].bytesSynced)
        XCTAssertNil(list[1].lastUpdatedAt)
    }

    func testAnIntegralNumberWithAFractionOrExponentIsTaken() throws {
        let list = try jobs(#"{"data":[{"jobId":3.0,"status":"s","jobType":"sync","rowsSynced":2e3}]}"#)
        XCTAssertEqual(list[0].jobId, 3)
        XCTAssertEqual(list[0].rowsSynced, 2_000)
    }

    func testMissingFieldsAreNamedWithTheirPath() {
        XCTAssertEqual(refusal(#"{"jobs":[]}"#), #"answer lacks "data""#)
        XCTAssertEqual(refusal(#"{"data":[{"jobId":1,"status":"s","jobType":"sync"},{"status":"s","jobType":"sync"}]}"#), #"answer lacks "data.[1].jobId""#)
        XCTAssertEqual(refusal(#"{"data":[{"jobId":1,"jobType":"sync"}]}"#), #"answer lacks "data.[0].status""#)
    }

    func testWrongKindsNullsAndBigNumbersAreUnexpectedValues() {
        XCTAssertEqual(refusal(#"{"data":[{"jobId":"1","status":"s","jobType":"sync"}]}"#), #"unexpected value at "data.[0].jobId""#)
        XCTAssertEqual(refusal(#"{"data":[{"jobId":1,"status":null,"jobType":"sync"}]}"#), #"unexpected value at "data.[0].status""#)
        XCTAssertEqual(refusal(#"{"data":[{"jobId":1.5,"status":"s","jobType":"sync"}]}"#), #"unexpected value at "data.[0].jobId""#)
        XCTAssertEqual(
            refusal(#"{"data":[{"jobId":1,"status":"s","jobType":"sync","bytesSynced":123456789012345678901234}]}"#),
            #"unexpected value at "data.[0].bytesSynced""#)
        XCTAssertEqual(refusal(#"{"data":[{"jobId":1,"status":"s","jobType":"sync","bytesSynced":1e400}]}"#), #"unexpected value at "data.[0].bytesSynced""#)
        XCTAssertEqual(refusal(#"{"data":{}}"#), #"unexpected value at "data""#)
        XCTAssertEqual(refusal(#"{"data":[1]}"#), #"unexpected value at "data.[0]""#)
        XCTAssertEqual(refusal(#"[]"#), #"unexpected value at """#)
    }

    func testBrokenJSONIsInvalidJSON() {
        for text in [#"{"data":[{"jobId":1,"status":"s","jobType":"sync"}"#, #"{"data":[]} x"#, "<html>", #"{"data":[{"jobId":01}]}"#] {
            XCTAssertEqual(refusal(text), "invalid JSON (\(text.utf8.count) bytes; cut off or not JSON)", text)
        }
        XCTAssertEqual(refusal(""), "empty answer where JSON was expected")
    }

    func testOneJobAnswerOfPostJobs() throws {
        let job = try PublicJob.scan(body: Data(#"{"jobId":42,"status":"pending","jobType":"sync"}"#.utf8))
        XCTAssertEqual(job.jobId, 42)
        XCTAssertEqual(job.status, "pending")
    }
}
