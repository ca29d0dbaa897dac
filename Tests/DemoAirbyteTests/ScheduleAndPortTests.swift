@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// `--sync-every` (whole minutes, reported as a basic schedule) and the listening ports.
final class ScheduleAndPortTests: XCTestCase {
    func testSchedulesAreWholeMinutesAndZeroOrLessIsRefused() throws {
        XCTAssertEqual(try SyncSchedule(parsing: "1m").minutes, 1)
        XCTAssertEqual(try SyncSchedule(parsing: "90").minutes, 90)
        XCTAssertEqual(try SyncSchedule(parsing: "2h").minutes, 120)
        for bad in ["0m", "0", "-1m", "30s", "1.5m", "", "soon"] {
            XCTAssertThrowsError(try SyncSchedule(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("--sync-every"), "\(error)")
            }
        }
    }

    func testTheConnectionReportsItsScheduleAsBasic() async throws {
        let h = try await DemoHarness.start { $0.connection.schedule = try? SyncSchedule(minutes: 5) }
        let connection = try h.object(try await h.send("GET", "/api/public/v1/connections/\(h.connectionID)"))
        let schedule = try XCTUnwrap(connection["schedule"] as? [String: Any])
        XCTAssertEqual(schedule["scheduleType"] as? String, "basic")
        XCTAssertEqual(schedule["basicTiming"] as? String, "Every 5 minutes")
        let config = try h.object(try await h.send("POST", "/api/v1/connections/get", json: #"{"connectionId":"\#(h.connectionID)"}"#))
        XCTAssertEqual(config["scheduleType"] as? String, "basic")
        XCTAssertEqual(((config["scheduleData"] as? [String: Any])?["basicSchedule"] as? [String: Any])?["units"] as? Int, 5)
        await h.stop()

        let manual = try await DemoHarness.start()
        let plain = try manual.object(try await manual.send("GET", "/api/public/v1/connections/\(manual.connectionID)"))
        XCTAssertEqual((plain["schedule"] as? [String: Any])?["scheduleType"] as? String, "manual")
        await manual.stop()
    }

    /// The schedule's loop, at a test interval: it starts syncs, and skips a tick while one runs.
    func testTheScheduleStartsSyncsAndSkipsWhileOneRuns() async throws {
        let engine = ScriptedEngine()
        engine.queue([.pause(.milliseconds(700))])
        let store = try JobStore(historyURL: nil, clock: { Date() })
        let service = JobService(store: store, engine: engine, replication: DemoHarness.replication, policy: DemoHarness.fastPolicy)
        let loop = Task { await ScheduledSyncs(service: service, connectionID: "c1", interval: .milliseconds(200)).run() }
        let deadline = Date().addingTimeInterval(10)
        while engine.syncs.count < 3 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        loop.cancel()
        await service.stopAll()
        let jobs = await store.allJobs()
        XCTAssertGreaterThanOrEqual(jobs.count, 3, "\(jobs.map(\.status))")
        XCTAssertTrue(jobs.allSatisfy(\.isScheduled))
        // The first sync ran 700 ms across several 200 ms ticks: those ticks started nothing, so the
        // second job began only after the first had ended.
        XCTAssertEqual(jobs[0].status, .succeeded)
        XCTAssertLessThanOrEqual(jobs[0].updatedAt, jobs[1].createdAt)
        XCTAssertEqual(jobs.count, engine.syncs.count, "no job was created that the engine did not run")
    }

    func testEveryPathAnswersOnBothPortsOfTheTwoPortLayout() async throws {
        let h = try await DemoHarness.start(auth: .defaultBasic) { $0.extraPort = 0 }
        let ports = h.server.ports
        XCTAssertEqual(ports.count, 2)
        XCTAssertNotEqual(ports[0], ports[1])
        let auth = [(name: "Authorization", value: "Basic " + Data("airbyte:password".utf8).base64EncodedString())]
        for port in ports {
            let base = "http://127.0.0.1:\(port)"
            try await h.expectStatus(200, "GET", "/health", base: base)
            try await h.expectStatus(200, "GET", "/v1/jobs", headers: auth, base: base)
            try await h.expectStatus(200, "GET", "/api/public/v1/connections", headers: auth, base: base)
            try await h.expectStatus(200, "POST", "/api/v1/jobs/list", json: #"{"configTypes":["sync"]}"#, headers: auth, base: base)
        }
        await h.stop()
    }

    func testATakenPortIsAClearErrorAndNothingIsLeftListening() async throws {
        let h = try await DemoHarness.start()
        let taken = h.server.ports[0]
        do {
            let second = try await DemoHarness.start { $0.port = taken }
            await second.stop()
            XCTFail("two servers on one port")
        } catch let error as DemoAirbyteError {
            XCTAssertEqual(error, .portInUse(taken))
            XCTAssertTrue(error.description.contains("already taken"), error.description)
        }
        do {
            let second = try await DemoHarness.start { $0.port = 0; $0.extraPort = taken }
            await second.stop()
            XCTFail("the second port was taken")
        } catch let error as DemoAirbyteError {
            XCTAssertEqual(error, .portInUse(taken))
        }
        try await h.expectStatus(200, "GET", "/health")
        await h.stop()
    }
}
