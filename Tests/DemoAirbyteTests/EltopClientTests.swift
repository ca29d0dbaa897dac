import EltopConfig
import EltopCore
import EltopDemoAirbyte
import EltopHTTP
import EltopPollers
import EltopReplication
import Foundation
import XCTest

/// eltop's own Airbyte client, unchanged, against the demo's server: the poller reads the connection,
/// the running job with live per-stream counts and attempts; the job requests start, meet the 409, cancel.
final class EltopClientTests: XCTestCase {
    private func client(_ h: DemoHarness, auth: AirbyteAuth) -> (AirbytePoller, AirbyteJobRequests) {
        let endpoints = AirbyteEndpoints(baseURL: h.server.baseURL)
        let http = HTTPClient(userAgent: "eltop/test")
        let credentials = AirbyteCredentials(auth: auth, tokenURL: endpoints.tokenURL, http: http, clock: { Date() })
        let api = AirbyteAPI(endpoints: endpoints, http: http, credentials: credentials, timeoutSeconds: 5)
        return (AirbytePoller(api: api, connectionIDs: [h.connectionID]), AirbyteJobRequests(api: api))
    }

    private func connection(_ reading: Reading) throws -> AirbyteConnection {
        guard case .airbyte(let r) = reading else { throw XCTSkip("not an Airbyte reading: \(reading)") }
        XCTAssertTrue(r.hasConfigAPI)
        return try XCTUnwrap(r.connections.first)
    }

    func testPollerAndJobRequestsWorkAgainstTheServerWithClientCredentials() async throws {
        let engine = ScriptedEngine()
        engine.queue([.progress([.stream("actor", emitted: 80, committed: 50), .stream("film", emitted: 20, committed: 20)]), .waitForCancel])
        let h = try await DemoHarness.start(auth: .clientCredentials(clientID: "eltop", clientSecret: "s3cret", tokenLifetime: .seconds(900)), engine: engine)
        let (poller, requests) = client(h, auth: .clientCredentials(clientID: "eltop", clientSecret: .init("s3cret", origin: "test")))

        let idle = try connection(try await poller.poll())
        XCTAssertEqual(idle.name, h.server.connection.name)
        XCTAssertEqual(idle.syncStatus, "pending")
        XCTAssertNil(idle.runningJob)

        let started = await requests.startSync(h.connectionID)
        guard case .syncStarted(_, let jobID, let status, _) = started else { return XCTFail("\(started)") }
        XCTAssertEqual(status.rawValue, "running")

        let running = try await h.eventually("the poller sees the flushed counts", { try self.connection(try await poller.poll()) }, until: {
            $0.runningJob?.progress?.recordsEmitted == 100
        })
        let job = try XCTUnwrap(running.runningJob)
        XCTAssertEqual(job.id, jobID)
        XCTAssertEqual(running.syncStatus, "running")
        XCTAssertEqual(job.attempt, 1)
        XCTAssertEqual(job.progress?.recordsCommitted, 70)
        XCTAssertEqual(job.progress?.streams.map(\.name), ["actor", "film"])

        let conflict = await requests.startSync(h.connectionID)
        guard case .syncAlreadyRunning(_, let named, _) = conflict else { return XCTFail("\(conflict)") }
        XCTAssertEqual(named, jobID, "the client finds the running job after the 409")

        let cancelled = await requests.cancel(jobID)
        guard case .jobCancelled(jobID, _) = cancelled else { return XCTFail("\(cancelled)") }
        await h.server.waitForJob(jobID)
        let after = try connection(try await poller.poll())
        XCTAssertNil(after.runningJob)
        XCTAssertEqual(after.jobs.first?.status.rawValue, "cancelled")
        await h.stop()
    }

    func testTheClientShowsAFailedAttemptAndItsRetry() async throws {
        let engine = ScriptedEngine()
        engine.queue([.fail(SyncFailure(origin: .source, type: .transientError, externalMessage: "the source went away"))], [.waitForCancel])
        let h = try await DemoHarness.start(auth: .defaultBasic, engine: engine)
        let (poller, _) = client(h, auth: .basic(username: "airbyte", password: .init("password", origin: "test")))
        let id = try await h.startSync(headers: [(name: "Authorization", value: "Basic " + Data("airbyte:password".utf8).base64EncodedString())])
        let retried = try await h.eventually("the second attempt runs", { try self.connection(try await poller.poll()) }, until: {
            $0.runningJob?.attempt == 2 && $0.runningJob?.status.rawValue == "running"
        })
        let job = try XCTUnwrap(retried.runningJob)
        XCTAssertEqual(job.id, id)
        XCTAssertEqual(job.failures.first?.message, "the source went away")
        XCTAssertEqual(job.failures.first?.origin, "source")
        await h.stop()
    }
}
