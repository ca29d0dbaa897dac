import Foundation
import XCTest

/// Bad requests get the 4xx a real server gives, in the error body of the path's API, and the server
/// goes on answering afterwards.
final class BadRequestTests: XCTestCase {
    func testUnknownIdsAre404InEachAPIsErrorBody() async throws {
        let h = try await DemoHarness.start()
        let job = try await h.send("GET", "/api/public/v1/jobs/999999")
        XCTAssertEqual(job.status, 404)
        XCTAssertEqual(job.header("content-type"), "application/problem+json")
        XCTAssertEqual(try h.object(job)["title"] as? String, "resource-not-found")
        try await h.expectStatus(404, "DELETE", "/api/public/v1/jobs/999999")
        try await h.expectStatus(404, "GET", "/api/public/v1/connections/00000000-0000-0000-0000-000000000000")
        let config = try await h.send("POST", "/api/v1/jobs/get", json: #"{"id":999999}"#)
        XCTAssertEqual(config.status, 404)
        XCTAssertEqual(try h.object(config)["message"] as? String, "Could not find job with id: 999999")
        let sync = try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"nope","jobType":"sync"}"#)
        XCTAssertEqual(sync.status, 404)
        XCTAssertEqual(h.engine.syncs, [])
        await h.stop()
    }

    func testMalformedAndMistypedBodiesAre400Or422() async throws {
        let h = try await DemoHarness.start()
        let cases: [(String, String, Int)] = [
            ("/api/public/v1/jobs", "{\"connectionId\": ", 400),
            ("/api/public/v1/jobs", "", 400),
            ("/api/public/v1/jobs", #"{"jobType":"sync"}"#, 400),
            ("/api/public/v1/jobs", #"{"connectionId":"\#(h.connectionID)","jobType":"refresh_everything"}"#, 400),
            ("/api/public/v1/jobs", #"{"connectionId":42,"jobType":"sync"}"#, 400),
            ("/api/v1/jobs/get", "not json", 400),
            ("/api/v1/jobs/get", #"{"id":"12"}"#, 422),
            ("/api/v1/jobs/get", "{}", 422),
            ("/api/v1/jobs/list", #"{"configTypes":["nonsense"]}"#, 422),
            ("/api/v1/connections/status", #"{"connectionIds":"x"}"#, 422),
        ]
        for (path, body, status) in cases {
            let answer = try await h.send("POST", path, json: body)
            XCTAssertEqual(answer.status, status, "\(path) \(body): \(answer.bodyText)")
        }
        let missing = try h.object(try await h.send("POST", "/api/v1/jobs/get", json: "{}"))
        XCTAssertEqual((missing["validationErrors"] as? [[String: Any]])?.first?["propertyPath"] as? String, "id")
        XCTAssertEqual(h.engine.syncs, [])
        await h.stop()
    }

    func testQueryParametersOutOfRangeAre400() async throws {
        let h = try await DemoHarness.start()
        for query in ["limit=0", "limit=1000", "limit=ten", "offset=-1", "status=done", "jobType=dance", "orderBy=name%7CUP", "createdAtStart=yesterday"] {
            try await h.expectStatus(400, "GET", "/api/public/v1/jobs?" + query)
        }
        try await h.expectStatus(400, "GET", "/api/public/v1/jobs/twelve")
        await h.stop()
    }

    func testUnknownPathsAre404AndWrongMethods405() async throws {
        let h = try await DemoHarness.start()
        try await h.expectStatus(404, "GET", "/nothing/here")
        try await h.expectStatus(404, "GET", "/api/public/v1/workspaces")
        try await h.expectStatus(404, "POST", "/api/v1/sources/list", json: "{}")
        try await h.expectStatus(405, "PUT", "/api/public/v1/jobs", json: "{}")
        try await h.expectStatus(405, "GET", "/api/v1/jobs/get")
        try await h.expectStatus(405, "DELETE", "/api/public/v1/connections")
        await h.stop()
    }

    func testOversizedBodiesAre413AndTheServerGoesOn() async throws {
        let h = try await DemoHarness.start { $0.maxBodyBytes = 4_096 }
        let big = #"{"connectionId":""# + String(repeating: "x", count: 10_000) + #"","jobType":"sync"}"#
        let answer = try await h.send("POST", "/api/public/v1/jobs", json: big)
        XCTAssertEqual(answer.status, 413)
        XCTAssertEqual(try h.object(answer)["title"] as? String, "payload-too-large")
        try await h.expectStatus(413, "POST", "/api/v1/jobs/list", json: big)
        try await h.expectStatus(200, "GET", "/api/public/v1/health")
        await h.stop()
    }

    /// A client that sends half a body holds only its own connection: the handler gives up at the
    /// deadline and everyone else is answered meanwhile.
    func testAStalledBodyHoldsNobodyElseUp() async throws {
        let h = try await DemoHarness.start { $0.requestTimeout = .seconds(1) }
        let socket = try RawSocket(port: h.server.ports[0])
        try socket.send("POST /api/v1/jobs/get HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":")
        for _ in 0..<3 {
            try await h.expectStatus(200, "GET", "/health")
            try await Task.sleep(for: .milliseconds(500))
        }
        socket.close()
        try await h.expectStatus(200, "POST", "/api/v1/jobs/list", json: #"{"configTypes":["sync"]}"#)
        await h.stop()
    }
}
