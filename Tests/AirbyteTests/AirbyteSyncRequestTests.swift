import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import XCTest

/// `s` and `c` end to end below the keys: trigger, 409 with the running job selected, cancel, and never
/// a second request by accident.
final class AirbyteSyncRequestTests: XCTestCase {
    /// What the runtime does with these two effects, without the runtime: one request, one outcome.
    private func events(_ requests: AirbyteJobRequests, _ effect: Effect) async -> [Event] {
        switch effect {
        case .startAirbyteSync(let connectionID, _): return [.airbyte(await requests.startSync(connectionID))]
        case .cancelAirbyteJob(let jobID, _): return [.airbyte(await requests.cancel(jobID))]
        default:
            XCTFail("not an Airbyte request: \(effect)")
            return []
        }
    }

    func testTriggerThenConflictSelectsTheRunningJobThenCancel() async throws {
        let h = try await AirbyteHarness(auth: .basic(username: "airbyte", password: "password"))
        let id = await h.fake.addConnection(name: "dvdrental")
        let auth = EltopConfig.AirbyteAuth.basic(username: "airbyte", password: .init("password", origin: "test"))
        let performer = AirbyteJobRequests(api: h.api(auth))
        var state = airbyteState()
        _ = reduce(&state, .pollSucceeded(try await h.poller(auth, ids: [id]).poll(), at: state.now))

        // s, y: one request, a new job.
        _ = reduce(&state, .actionRequested(.startSync))
        XCTAssertEqual(state.ui.prompt?.question, "Start a sync of dvdrental?")
        let effects = reduce(&state, .actionRequested(.confirmYes))
        XCTAssertEqual(effects, [.startAirbyteSync(connectionID: id, connectionName: "dvdrental")])
        XCTAssertTrue(state.airbyte.inFlight.contains(.sync(connectionID: id)))
        _ = reduce(&state, .actionRequested(.startSync))
        XCTAssertNil(state.ui.prompt, "no second prompt while the first request is unanswered")
        XCTAssertEqual(state.ui.notice, "a sync request for dvdrental is already on its way")

        let started = await events(performer, effects[0])
        guard case .airbyte(.syncStarted(id, let jobID, _, _))? = started.first else { return XCTFail("\(started)") }
        let fakeJob = await h.fake.job(jobID)
        XCTAssertEqual(fakeJob?.status, "pending")
        _ = reduce(&state, started[0])
        XCTAssertEqual(state.airbyte.reading?.connections[0].runningJob?.id, jobID, "the new job shows before the next poll")

        // s again: the state knows a job runs, so no prompt and no request.
        _ = reduce(&state, .actionRequested(.startSync))
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.airbyte.selectedJobID, jobID)

        // A request that goes out anyway (another user started one): 409, named job.
        await h.fake.start(jobID)
        let conflict = await events(performer, .startAirbyteSync(connectionID: id, connectionName: "dvdrental"))
        XCTAssertEqual(conflict.count, 1)
        guard case .airbyte(.syncAlreadyRunning(id, jobID?, _))? = conflict.first else { return XCTFail("\(conflict)") }
        _ = reduce(&state, conflict[0])
        XCTAssertEqual(state.ui.notice, "a sync of dvdrental is already running (job \(jobID))")
        let requests = await h.fake.syncRequests
        XCTAssertEqual(requests, 2, "one request per confirmed effect, no retries")

        // c, y: cancelled on the server.
        _ = reduce(&state, .actionRequested(.cancelJob))
        XCTAssertEqual(state.ui.prompt?.question, "Cancel job \(jobID) of dvdrental?")
        let cancelEffects = reduce(&state, .actionRequested(.confirmYes))
        let cancelled = await events(performer, cancelEffects[0])
        XCTAssertEqual(cancelled.count, 1)
        guard case .airbyte(.jobCancelled(jobID, _))? = cancelled.first else { return XCTFail("\(cancelled)") }
        let afterCancel = await h.fake.job(jobID)
        XCTAssertEqual(afterCancel?.status, "cancelled")
        await h.stop()
    }

    func testReadOnlyRefusesBothWithoutAPrompt() {
        var state = airbyteState()
        state.ui.readOnly = true
        _ = reduce(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [
            AirbyteConnection(id: "c1", name: "pg", syncStatus: "running", jobs: [
                AirbyteJob(id: 7, status: .running, jobType: "sync", startedAt: nil, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil)
            ])
        ])), at: state.now))
        XCTAssertEqual(reduce(&state, .actionRequested(.cancelJob)), [])
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.ui.notice, "cancel job 7 of pg is disabled by --read-only")
        let keys = KeyMap.standard.bindings(for: .normal, readOnly: true).flatMap(\.keys)
        XCTAssertFalse(keys.contains(.character("s")))
        XCTAssertFalse(keys.contains(.character("c")))
    }

    func testATimedOutTriggerIsReportedAsUnknownAndNotRetried() async throws {
        let h = try await AirbyteHarness()
        let id = await h.fake.addConnection(name: "pg")
        await h.fake.inject(AirbyteFakeFault(.delay(seconds: 2), on: "/jobs"))
        let performer = AirbyteJobRequests(api: h.api(timeoutSeconds: 0.5))
        let result = await events(performer, .startAirbyteSync(connectionID: id, connectionName: "pg"))
        guard case .airbyte(.syncFailed(_, let message, _))? = result.first else { return XCTFail("\(result)") }
        XCTAssertTrue(message.contains("may have started"), message)
        let requests = await h.fake.syncRequests
        XCTAssertEqual(requests, 1)
        await h.stop()
    }

    func testASecondConfirmWhileTheFirstIsUnansweredSendsNothing() async throws {
        var state = airbyteState()
        _ = reduce(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [AirbyteConnection(id: "c1", name: "pg", syncStatus: "synced", jobs: [])])), at: state.now))
        _ = reduce(&state, .actionRequested(.startSync))
        XCTAssertEqual(reduce(&state, .actionRequested(.confirmYes)), [.startAirbyteSync(connectionID: "c1", connectionName: "pg")])
        _ = reduce(&state, .actionRequested(.startSync))
        let again = reduce(&state, .actionRequested(.confirmYes))
        XCTAssertEqual(again, [], "the first request is still in flight: the runtime must not be asked twice")
    }
}
