import EltopApp
import EltopHTTP
import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// The real `eltop serve` binary against a real PostgreSQL (source slot and a Postgres warehouse),
/// the Airbyte test server with a running job, and dbt artifacts; scraped over loopback with libcurl.
/// SIGTERM ends it with 143, as every eltop command.
/// One process for the class: it is started once and stopped by SIGTERM in the last step.
final class ServeScrapeTests: XCTestCase {
    private static let secret = "s3cr3t-metrics-pw"

    func testAScrapeOfServeShowsTheSameStateAsItsSnapshot() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "metrics")
        try pg.psql("SELECT pg_create_logical_replication_slot('metrics_slot', 'pgoutput')", database: db)
        try pg.psql(
            """
            CREATE SCHEMA raw; CREATE SCHEMA staging;
            CREATE TABLE raw.rental (id int); INSERT INTO raw.rental SELECT generate_series(1, 7);
            CREATE TABLE staging.stg_rental (id int); INSERT INTO staging.stg_rental SELECT generate_series(1, 5);
            ANALYZE;
            """, database: db)
        defer { _ = try? pg.psql("SELECT pg_drop_replication_slot('metrics_slot')", database: db) }

        let airbyte = try AirbyteTestServer()
        try await airbyte.start()
        let connection = await airbyte.fake.addConnection(name: "orders_cdc")
        let job = await airbyte.fake.createJob(connectionID: connection, status: "running")
        await airbyte.fake.flush(job, streams: [AirbyteFakeStream(name: "rental", recordsEmitted: 120, recordsCommitted: 100, bytesEmitted: 9_000, bytesCommitted: 7_500)])

        let work = try ScratchDirectory.make("eltop-serve")
        defer { try? FileManager.default.removeItem(at: work) }
        for name in ["manifest.json", "run_results.json"] {
            try FileManager.default.copyItem(
                at: DbtFixtureProject.fixtures.appendingPathComponent("artifacts").appendingPathComponent(name), to: work.appendingPathComponent(name))
        }
        let sourceURL = pg.url(database: db).replacingOccurrences(of: "postgres@", with: "postgres:\(Self.secret)@")
        // Only its own slot: the test cluster is shared with other classes, whose slots come and go.
        let config = work.appendingPathComponent("eltop.yaml")
        try """
            source: { url: "\(sourceURL)", slots: [metrics_slot], poll_interval: 60 }
            airbyte: { server: "\(airbyte.baseURL)", connection_ids: ["\(connection)"], poll_interval: 60 }
            warehouse: { kind: postgres, url: "\(pg.url(database: db))", freshness: false, poll_interval: 60 }
            dbt: { project_dir: "\(work.path)", target_dir: "\(work.path)", poll_interval: 60 }
            """.write(to: config, atomically: true, encoding: .utf8)

        let output = work.appendingPathComponent("serve.out").path
        let recordingPath = work.appendingPathComponent("serve.eltoprec").path
        let (pid, base) = try await ServeProcess.spawn(
            ["--config", config.path, "--metrics", "127.0.0.1:0", "--record", recordingPath, "--log-file", work.appendingPathComponent("eltop.log").path],
            output: output)
        var exited = false
        defer { if !exited { kill(pid, SIGKILL); ChildProcess.wait(pid) } }
        let http = HTTPClient(userAgent: "eltop-serve-test")
        func get(_ path: String) async throws -> String {
            let response = try await http.send(HTTPRequest(method: "GET", url: base + path, timeoutSeconds: 10))
            XCTAssertEqual(response.status, 200, path)
            return response.bodyText
        }

        // Every feed has answered its first poll (intervals are a minute: nothing changes after).
        try await ServeProcess.waitForEverySection(timeout: 30, get)
        let snapshot = try await get("/snapshot.json")
        let metrics = try await get("/metrics")
        let samples = try Exposition.parse(metrics)
        let (problems, compared) = try SnapshotAgreement.mismatches(samples, snapshot: Data(snapshot.utf8))
        XCTAssertEqual(problems, [], metrics)
        XCTAssertGreaterThan(compared, 15)

        // Independently of the snapshot: what the test servers were told.
        XCTAssertEqual(samples.value("eltop_source_slot_active", ["slot": "metrics_slot"]), 0)
        XCTAssertNotNil(samples.value("eltop_source_slot_lag_bytes", ["slot": "metrics_slot"]))
        let labels = ["connection_id": connection, "connection": "orders_cdc"]
        XCTAssertEqual(samples.value("eltop_airbyte_running_job_id", labels), Double(job))
        XCTAssertEqual(samples.value("eltop_airbyte_running_job_committed_records", labels), 100)
        XCTAssertEqual(samples.value("eltop_warehouse_raw_rows", ["table": "raw.rental"]), 7)
        XCTAssertEqual(samples.value("eltop_warehouse_drift_rows", ["table": "raw.rental"]), 2)
        XCTAssertGreaterThan(samples.named("eltop_dbt_nodes").map(\.value).reduce(0, +), 0)
        for feed in ["source", "airbyte", "warehouse", "dbt"] {
            XCTAssertEqual(samples.value("eltop_feed_up", ["feed": feed]), 1, feed)
            XCTAssertNotNil(samples.value("eltop_feed_poll_duration_seconds", ["feed": feed]), feed)
        }
        XCTAssertEqual(try Promtool.checkMetrics(metrics).status, 0)
        XCTAssertFalse(metrics.contains(Self.secret) || snapshot.contains(Self.secret), "the source password reached a scrape")
        let health = try await get("/healthz")
        XCTAssertEqual(health, "ok\n")

        kill(pid, SIGTERM)
        let status = ChildProcess.wait(pid)
        exited = true
        XCTAssertEqual(status, 128 + SIGTERM, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
        await airbyte.stop()

        // `--record`: the run's recording replays to what was served, and keeps no secret either.
        let recording = try Recording(path: recordingPath)
        XCTAssertNil(recording.damage)
        let recorded = try recording.state(at: recording.span.upperBound).state
        XCTAssertEqual(recorded.airbyte.reading?.connections.first?.runningJob?.id, job)
        XCTAssertEqual(recorded.source.reading?.slots.map(\.name), ["metrics_slot"])
        XCTAssertFalse(try String(contentsOfFile: recordingPath, encoding: .utf8).contains(Self.secret), "the source password reached the recording")
    }

    /// An unusable address ends `serve` with an error naming what is accepted, before anything is polled;
    /// an address beyond loopback is served but warned about.
    func testServeRefusesABadAddressAndWarnsBeyondLoopback() async throws {
        let empty = NSTemporaryDirectory() + "eltop-serve-empty-\(UUID().uuidString.prefix(8)).yaml"
        let log = empty + ".log"
        try "{}\n".write(toFile: empty, atomically: true, encoding: .utf8)
        defer { unlink(empty); unlink(log) }
        let refused = try ChildProcess.run(try Self.eltopBinary(), ["serve", "--config", empty, "--metrics", "127.0.0.1:99999", "--log-file", log])
        XCTAssertEqual(refused.status, 3, refused.output)
        XCTAssertTrue(refused.output.contains("cannot listen on \"127.0.0.1:99999\": use HOST:PORT"), refused.output)

        let output = NSTemporaryDirectory() + "eltop-serve-wide-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(output) }
        let pid = try ChildProcess.spawn(try Self.eltopBinary(), ["serve", "--config", empty, "--metrics", "0.0.0.0:0", "--log-file", log], outputPath: output)
        let said = try await waitUntil("serve warns about 0.0.0.0", timeout: 20, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(100))
            return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }) { $0.contains("nothing is configured") }
        kill(pid, SIGINT)
        XCTAssertEqual(ChildProcess.wait(pid), 128 + SIGINT)
        XCTAssertTrue(said.contains("warning: metrics listen on 0.0.0.0:") && said.contains("firewall"), said)
    }

    /// Next to the test bundle (`swift build --build-tests` builds both), else where `swift build` puts it.
    static func eltopBinary() throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eltop").path
        let candidates = [beside, Promtool.repository.appendingPathComponent(".build/debug/eltop").path]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("no eltop binary at \(candidates): run `swift build` first")
        }
        return found
    }
}
