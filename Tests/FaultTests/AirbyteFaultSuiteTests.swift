import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import XCTest

/// Airbyte misbehaving while the source and dbt feeds go on: each fault shows on the Airbyte pane with
/// the data's age and clears with the next poll.
final class AirbyteFaultSuiteTests: XCTestCase {
    private func check(_ kind: AirbyteFakeFault.Kind, says expected: String, timeout: Double = 5) async throws {
        let rig = try await FaultRig(airbyteTimeout: timeout)
        try await rig.run(
            .airbyte, says: expected,
            inject: { await rig.airbyte.fake.inject(AirbyteFakeFault(kind, on: "/jobs", times: 1)) },
            clear: {})  // the fault answers one request; the next poll meets a healthy server
        await rig.stop()
    }

    func testServerError500() async throws {
        try await check(.serverError, says: "HTTP 500: An unexpected problem has occurred.")
    }

    func testA502HTMLPageFromAProxy() async throws {
        try await check(.htmlFromProxy, says: "HTTP 502: \"502 Bad Gateway\", an HTML page instead of JSON")
    }

    func testTimeout() async throws {
        try await check(.delay(seconds: 3), says: "Airbyte did not answer in time", timeout: 0.5)
    }

    /// A server that takes the connection and sends nothing back, for as long as eltop would wait.
    func testAServerThatAcceptsAndNeverAnswers() async throws {
        try await check(.delay(seconds: 600), says: "Airbyte did not answer in time", timeout: 0.5)
    }

    func testInvalidJSON() async throws {
        try await check(.invalidJSON, says: "invalid JSON")
    }

    func testTruncatedJSON() async throws {
        try await check(.truncatedJSON, says: "invalid JSON")
    }

    /// A token that expires between polls: one new token, the poll succeeds, no error is ever shown.
    func testTokenExpiryIsCuredByOneRefresh() async throws {
        let rig = try await FaultRig(
            airbyteAuth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 900),
            airbyteClientAuth: .clientCredentials(clientID: "cid", clientSecret: Secret("cs", origin: "test")))
        await rig.pollAll()
        rig.assertAllWorking("first poll")
        let issued = await rig.airbyte.fake.tokensIssued
        await rig.airbyte.fake.expireTokens()
        await rig.airbyte.fake.clearExchanges()
        await rig.pollAll()
        rig.assertAllWorking("after the token expired")
        let reissued = await rig.airbyte.fake.tokensIssued
        XCTAssertEqual(reissued, issued + 1, "exactly one new token")
        let refused = await rig.airbyte.fake.exchanges.filter { $0.status == 401 }.count
        XCTAssertEqual(refused, 1, "one request refused, then the retry with the new token")
        await rig.stop()
    }

    /// A server that refuses every token: eltop refreshes once, then reports the 401 — no loop.
    func testA401ThatANewTokenDoesNotCureIsReportedAfterOneRefresh() async throws {
        let rig = try await FaultRig(
            airbyteAuth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 900),
            airbyteClientAuth: .clientCredentials(clientID: "cid", clientSecret: Secret("cs", origin: "test")))
        await rig.pollAll()
        let issued = await rig.airbyte.fake.tokensIssued
        await rig.airbyte.fake.inject(AirbyteFakeFault(.status(401, detail: "Unauthorized"), on: "/jobs", times: 2))
        await rig.pollAll()
        rig.assertFault(.airbyte, says: "401")
        let reissued = await rig.airbyte.fake.tokensIssued
        XCTAssertEqual(reissued, issued + 1, "one refresh, not a loop")
        await rig.pollAll()
        rig.assertRecovered(.airbyte)
        await rig.stop()
    }

    /// 409 from `POST /jobs` (a sync already running): the sync answer says so and names the running
    /// job; polling goes on untouched.
    func testA409ConflictSaysTheSyncIsAlreadyRunning() async throws {
        let rig = try await FaultRig()
        await rig.pollAll()
        let requests = AirbyteJobRequests(api: rig.airbyteAPI)
        let running = await rig.airbyte.fake.jobs(of: rig.connectionID).last
        let answer = await requests.startSync(rig.connectionID)
        guard case .syncAlreadyRunning(let connection, let job, _) = answer else { return XCTFail("\(answer)") }
        XCTAssertEqual(connection, rig.connectionID)
        XCTAssertEqual(job, running)
        let conflicts = await rig.airbyte.fake.exchanges.filter { $0.status == 409 }.count
        XCTAssertEqual(conflicts, 1)
        await rig.pollAll()
        rig.assertAllWorking("after the 409")
        await rig.stop()
    }
}
