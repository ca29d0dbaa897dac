import EltopConfig
import EltopCore
import EltopTestSupport
import Foundation
import XCTest

@testable import EltopPollers

/// The tracer against Snowflake: the fake SQL API on loopback (real libcurl, a real key-pair JWT), the
/// probe written in a real PostgreSQL, and the real reducer deciding when to read. Every statement the
/// fake saw is counted, so "no read" is a count of zero, not an absence of errors.
final class SnowflakeProbeTracerTests: XCTestCase {
    private var api: FakeSQLAPI!
    private var keyPath: String!
    private var postgres: TestPostgres!
    private var source = ""
    private var tracer: ProbeTracer!
    private var state: DashboardState!
    private let connectionID = "c0ffee00"
    private var jobs: [AirbyteJob] = []

    override func setUp() async throws {
        (api, keyPath) = try await FakeSQLAPI.startedWithKeyFile(named: "eltop-sf-probe")
        postgres = try TestPostgres.shared()
        source = try postgres.createDatabase(prefix: "sf_probe_src")
        _ = try postgres.psql("CREATE TABLE eltop_probe (id bigserial PRIMARY KEY, note text, written_at timestamptz NOT NULL DEFAULT now())", database: source)

        var config = Config()
        config.cdcProbe.sourceURL = ConnectionString(postgres.url(database: source), origin: "test")
        config.warehouse.kind = .snowflake
        config.warehouse.snowflake.account = "myorg-myaccount"
        config.warehouse.snowflake.user = "eltop_monitor"
        config.warehouse.snowflake.privateKeyPath = keyPath
        config.warehouse.snowflake.host = api.baseURL.absoluteString
        config.warehouse.snowflake.database = "ANALYTICS"
        config.warehouse.snowflake.warehouse = "ELTOP_WH"
        tracer = try XCTUnwrap(ProbeTracer(config: config), "cdc_probe with a Snowflake warehouse builds a tracer")

        state = StateFixtures.loading()
        state.tracer.configured = true
        state.tracer.warehouseKind = .snowflake
        jobs = [job(1, .succeeded)]
        _ = reduce(&state, .pollSucceeded(.airbyte(reading()), at: Date()))
    }

    override func tearDown() async throws {
        await api.stop()
        try? FileManager.default.removeItem(atPath: keyPath)
    }

    private func job(_ id: Int64, _ status: JobStatus) -> AirbyteJob {
        AirbyteJob(id: id, status: status, jobType: "sync", startedAt: Date().addingTimeInterval(-2), durationSeconds: status.isActive ? nil : 1, rowsSynced: nil, bytesSynced: nil)
    }

    private func reading() -> AirbyteReading {
        AirbyteReading(connections: [AirbyteConnection(id: connectionID, name: "dvdrental → snowflake", syncStatus: nil, jobs: jobs, schedule: nil)])
    }

    /// Feeds an event to the reducer and performs the tracer effects it asks for, as the runtime does.
    private func send(_ event: Event) async {
        var pending = [event]
        while !pending.isEmpty {
            for effect in reduce(&state, pending.removeFirst()) {
                switch effect {
                case .writeProbe(let operation, let probeID, let note): pending.append(.tracer(await tracer.write(operation, probeID: probeID, note: note)))
                case .traceProbes(let request): pending.append(.tracer(await tracer.trace(request)))
                default: break
                }
            }
        }
    }

    /// A job of the probe's connection ends, as the next Airbyte poll reports it.
    private func syncEnds(_ id: Int64) async {
        jobs.insert(job(id, .succeeded), at: 0)
        await send(.pollSucceeded(.airbyte(reading()), at: Date()))
    }

    private func warehousePolls(_ count: Int) async {
        for _ in 0..<count { await send(.pollSucceeded(.warehouse(WarehouseReading(kind: .snowflake, tables: [])), at: Date())) }
    }

    private var statements: [String] { api.requests.compactMap(\.statement) }

    private func rawStatement(_ ids: [Int64]) -> String {
        """
        SELECT ID, NOTE, _AB_CDC_LSN AS LSN, _AB_CDC_DELETED_AT::TIMESTAMP_TZ AS DELETED_AT,
          _AIRBYTE_META:sync_id::NUMBER AS SYNC_ID, _AIRBYTE_EXTRACTED_AT AS EXTRACTED_AT
        FROM ANALYTICS.raw.eltop_probe WHERE ID IN (\(ids.map(String.init).joined(separator: ", ")))
        QUALIFY ROW_NUMBER() OVER (PARTITION BY ID ORDER BY _AB_CDC_LSN DESC NULLS LAST, _AIRBYTE_EXTRACTED_AT DESC) = 1
        """
    }

    /// The raw answer as the SQL API sends it: every value a string, timestamps as epoch seconds (with the
    /// offset in minutes after a space for `timestamp_tz`).
    private func rawAnswer(_ rows: [[String?]]) -> FakeSQLAPI.Script {
        .result(SQLAPIFixture(
            rowType: """
                [{"name":"ID","type":"fixed","scale":0,"precision":38,"nullable":true},{"name":"NOTE","type":"text","nullable":true},
                 {"name":"LSN","type":"fixed","scale":0,"precision":38,"nullable":true},{"name":"DELETED_AT","type":"timestamp_tz","scale":9,"nullable":true},
                 {"name":"SYNC_ID","type":"fixed","scale":0,"precision":38,"nullable":true},{"name":"EXTRACTED_AT","type":"timestamp_tz","scale":9,"nullable":true}]
                """,
            rows: rows))
    }

    func testOneReadAfterEachEndFillsTheHopsAndAFailedReadOnlyWaits() async throws {
        await syncEnds(2)
        XCTAssertEqual(statements, [], "no probe in flight: a sync's end reads nothing")

        await send(.actionRequested(.probe(.insert)))
        await send(.actionRequested(.confirmYes))
        let trip = try XCTUnwrap(state.tracer.trips.last)
        let note = try XCTUnwrap(trip.note)
        await warehousePolls(3)
        XCTAssertEqual(statements, [], "nothing ended: no tracer statement, however often the warehouse is polled")

        // The first end's read times out (408): the hop says so and the trip keeps waiting.
        api.inject(.statementTimedOut)
        await syncEnds(3)
        XCTAssertEqual(statements, [rawStatement([trip.probeID])], "one statement for the end")
        XCTAssertEqual(api.requests.last?.warehouse, "ELTOP_WH", "it scans, so it runs in the configured warehouse")
        let timedOut = try XCTUnwrap(state.tracerWaiting(state.tracer.trips[0]))
        XCTAssertTrue(timedOut.hasPrefix("last read failed: warehouse: Snowflake timed the statement out (408)"), timedOut)
        XCTAssertTrue(state.tracer.trips[0].isInFlight)
        api.inject(nil)
        await warehousePolls(2)
        XCTAssertEqual(statements.count, 1, "a failed read is not retried by a poll")

        // The next end's read is refused (422, no warehouse): still a wait, not a failure.
        api.script(rawStatement([trip.probeID]), .sqlError(code: "000606", sqlState: "57P03", message: "No active warehouse selected in the current session."))
        await syncEnds(4)
        XCTAssertEqual(statements.count, 2)
        XCTAssertTrue(state.tracerWaiting(state.tracer.trips[0])?.contains("No active warehouse selected") == true, "\(state.tracerWaiting(state.tracer.trips[0]) ?? "")")
        XCTAssertTrue(state.tracer.trips[0].isInFlight)

        // The third end finds the row: raw and the sync that wrote it come from the answer.
        let extracted = Date().addingTimeInterval(-1).timeIntervalSince1970.rounded(.down)
        api.script(rawStatement([trip.probeID]), rawAnswer([[String(trip.probeID), note, "50331840", nil, "5", String(format: "%.9f 1440", extracted)]]))
        await syncEnds(5)
        XCTAssertEqual(statements.count, 3)
        var seen = state.tracer.trips[0]
        XCTAssertEqual(seen.raw?.note, note)
        XCTAssertEqual(seen.raw?.lsn, "50331840")
        XCTAssertEqual(seen.raw?.at, Date(timeIntervalSince1970: extracted), "raw's own _AIRBYTE_EXTRACTED_AT")
        XCTAssertEqual(seen.sync?.jobID, 5, "_AIRBYTE_META:sync_id")
        XCTAssertNil(state.tracer.traceError)
        await warehousePolls(2)
        await syncEnds(6)
        XCTAssertEqual(statements.count, 3, "past raw, neither a poll nor a sync's end reads")

        // A transform ends: one round, staging alone (raw is proven).
        let staging = "SELECT ID, NOTE FROM ANALYTICS.staging.stg_eltop_probe WHERE ID IN (\(trip.probeID))"
        api.script(staging, .result(SQLAPIFixture(
            rowType: #"[{"name":"ID","type":"fixed","scale":0,"nullable":true},{"name":"NOTE","type":"text","nullable":true}]"#,
            rows: [[String(trip.probeID), note]])))
        await send(.dbt(.runEnded(exitCode: 0, signalled: false, at: Date())))
        XCTAssertEqual(Array(statements.dropFirst(3)), [staging])
        seen = state.tracer.trips[0]
        XCTAssertTrue(seen.isComplete, "\(state.tracerWaiting(seen) ?? "")")
        XCTAssertEqual(seen.staging?.note, note)

        // Nothing in flight any more: later ends read nothing.
        await syncEnds(7)
        await send(.dbt(.runEnded(exitCode: 0, signalled: false, at: Date())))
        await warehousePolls(2)
        XCTAssertEqual(statements.count, 4)
    }

    /// Snowflake's "does not exist" for raw fails the trip with the reason; for staging it is a wait.
    func testAMissingTableIsNamed() async throws {
        guard case .probeWritten(let write) = await tracer.write(.insert, probeID: nil, note: "eltop probe insert x") else { return XCTFail("insert failed") }
        api.script(rawStatement([write.probeID]), rawAnswer([]))
        let staging = "SELECT ID, NOTE FROM ANALYTICS.staging.stg_eltop_probe WHERE ID IN (\(write.probeID))"
        api.script(staging, .sqlError(code: "002003", sqlState: "42S02", message: "SQL compilation error: Object 'ANALYTICS.STAGING.STG_ELTOP_PROBE' does not exist or not authorized."))
        guard case .traceFailed(let wait, false, _) = await tracer.trace(ProbeTraceRequest(probeIDs: [write.probeID], raw: true, staging: true)) else {
            return XCTFail("a missing staging model is a wait")
        }
        XCTAssertEqual(wait, "staging.stg_eltop_probe does not exist in the warehouse yet: a transform (t) builds it")
        api.script(rawStatement([write.probeID]), .sqlError(code: "002003", sqlState: "42S02", message: "SQL compilation error: Object 'ANALYTICS.RAW.ELTOP_PROBE' does not exist or not authorized."))
        guard case .traceFailed(let gone, true, _) = await tracer.trace(ProbeTraceRequest(probeIDs: [write.probeID], raw: true, staging: false)) else {
            return XCTFail("a missing raw table fails the trips")
        }
        XCTAssertTrue(gone.hasPrefix("raw.eltop_probe does not exist in the warehouse"), gone)
    }

    /// A tombstone (soft delete) reads `_AB_CDC_DELETED_AT`, which Airbyte writes as a string.
    func testADeleteTombstoneCarriesItsTime() async throws {
        api.script(rawStatement([41]), rawAnswer([["41", nil, "90", "1732500000.250000000 0", nil, "1732500001.000000000 0"]]))
        guard case .traced(let seen) = await tracer.trace(ProbeTraceRequest(probeIDs: [41], raw: true, staging: false)) else { return XCTFail() }
        XCTAssertEqual(seen.raw, [RawProbeRow(
            probeID: 41, note: nil, lsn: "90", deletedAt: Date(timeIntervalSince1970: 1_732_500_000.25), syncID: nil,
            extractedAt: Date(timeIntervalSince1970: 1_732_500_001))])
    }
}
