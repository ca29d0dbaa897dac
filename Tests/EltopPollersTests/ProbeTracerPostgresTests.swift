import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// The tracer's client on a real PostgreSQL: the probe written in one transaction with its LSN, the
/// bounded reads of raw and staging, a dropped table failing with the reason, and the setup check.
/// Source and warehouse are two databases of the shared test cluster; raw and staging are written here
/// as Airbyte and dbt would, and every claim is compared with an independent psql query.
final class ProbeTracerPostgresTests: XCTestCase {
    private var postgres: TestPostgres!
    private var source = ""
    private var warehouse = ""

    override func setUpWithError() throws {
        postgres = try TestPostgres.shared()
        source = try postgres.createDatabase(prefix: "probe_src")
        warehouse = try postgres.createDatabase(prefix: "probe_wh")
        _ = try postgres.psql("""
            CREATE TABLE eltop_probe (id bigserial PRIMARY KEY, note text, written_at timestamptz NOT NULL DEFAULT now());
            CREATE PUBLICATION probe_pub FOR TABLE eltop_probe;
            """, database: source)
        _ = try postgres.psql("""
            CREATE SCHEMA raw; CREATE SCHEMA staging;
            CREATE TABLE raw.eltop_probe (id bigint, note text, written_at timestamptz, _ab_cdc_lsn numeric, _ab_cdc_deleted_at timestamptz,
              _airbyte_meta jsonb, _airbyte_extracted_at timestamptz);
            CREATE TABLE staging.stg_eltop_probe (id bigint, note text, written_at timestamptz);
            """, database: warehouse)
    }

    private func tracer() -> ProbeTracer {
        .postgres(
            sourceURL: postgres.url(database: source), warehouseURL: postgres.url(database: warehouse), table: "eltop_probe",
            rawTable: "raw.eltop_probe", stagingTable: "staging.stg_eltop_probe")
    }

    func testWritesAreCommittedWithTheirLSNAndTracesReadRawAndStaging() async throws {
        let tracer = tracer()
        guard case .probeWritten(let insert) = await tracer.write(.insert, probeID: nil, note: "eltop probe insert a") else { return XCTFail("insert failed") }
        XCTAssertEqual(try postgres.psql("SELECT note FROM eltop_probe WHERE id = \(insert.probeID)", database: source), "eltop probe insert a")
        let written = try postgres.psql("SELECT extract(epoch FROM written_at) FROM eltop_probe WHERE id = \(insert.probeID)", database: source)
        XCTAssertEqual(insert.committedAt.timeIntervalSince1970, Double(written) ?? 0, accuracy: 0.001, "the committed time is written_at")
        let now = try postgres.psql("SELECT pg_current_wal_insert_lsn() >= '\(insert.lsn)'::pg_lsn", database: source)
        XCTAssertEqual(now, "t")

        guard case .probeWritten(let update) = await tracer.write(.update, probeID: insert.probeID, note: "eltop probe update b") else { return XCTFail("update failed") }
        XCTAssertTrue(WALPosition.reached(update.lsn, insert.lsn))
        XCTAssertEqual(try postgres.psql("SELECT note FROM eltop_probe WHERE id = \(insert.probeID)", database: source), "eltop probe update b")

        // Raw holds two changes of the key (Append): the latest one counts.
        _ = try postgres.psql("""
            INSERT INTO raw.eltop_probe VALUES
              (\(insert.probeID), 'eltop probe insert a', now(), 100, NULL, '{"changes": [], "sync_id": 2}', now() - interval '5 s'),
              (\(insert.probeID), 'eltop probe update b', now(), 200, NULL, '{"changes": [], "sync_id": 3}', now());
            INSERT INTO staging.stg_eltop_probe VALUES (\(insert.probeID), 'eltop probe update b', now());
            """, database: warehouse)
        guard case .traced(let seen) = await tracer.trace(ProbeTraceRequest(probeIDs: [insert.probeID, 999], raw: true, staging: true)) else {
            return XCTFail("trace failed")
        }
        XCTAssertEqual(seen.raw?.map(\.note), ["eltop probe update b"])
        XCTAssertEqual(seen.raw?.first?.syncID, 3)
        XCTAssertEqual(seen.raw?.first?.lsn, "200")
        XCTAssertEqual(seen.staging, [StagingProbeRow(probeID: insert.probeID, note: "eltop probe update b")])

        guard case .probeWritten = await tracer.write(.delete, probeID: insert.probeID, note: nil) else { return XCTFail("delete failed") }
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM eltop_probe", database: source), "0")
        guard case .probeWriteFailed(.update, let message, false, _) = await tracer.write(.update, probeID: insert.probeID, note: "x") else {
            return XCTFail("an update of a deleted probe must fail")
        }
        XCTAssertTrue(message.contains("is no longer in eltop_probe"), message)
    }

    func testProbesOlderThanADayAreDeletedOnlyIfTheyAreEltops() async throws {
        _ = try postgres.psql("""
            INSERT INTO eltop_probe (note, written_at) VALUES ('eltop probe insert old', now() - interval '25 hours'),
              ('someone else''s row', now() - interval '25 hours'), ('eltop probe insert recent', now() - interval '1 hour');
            """, database: source)
        guard case .probeWritten(let insert) = await tracer().write(.insert, probeID: nil, note: "eltop probe insert new") else { return XCTFail() }
        XCTAssertEqual(insert.pruned, 1)
        XCTAssertEqual(try postgres.psql("SELECT string_agg(note, ',' ORDER BY id) FROM eltop_probe", database: source),
                       "someone else's row,eltop probe insert recent,eltop probe insert new")
    }

    func testADroppedTableFailsTheTraceWithTheReason() async throws {
        let tracer = tracer()
        _ = try postgres.psql("DROP TABLE raw.eltop_probe", database: warehouse)
        guard case .traceFailed(let raw, true, _) = await tracer.trace(ProbeTraceRequest(probeIDs: [1], raw: true, staging: false)) else { return XCTFail() }
        XCTAssertTrue(raw.contains("raw.eltop_probe does not exist in the warehouse"), raw)
        _ = try postgres.psql("DROP TABLE eltop_probe", database: source)
        guard case .traceFailed(let gone, true, _) = await tracer.trace(ProbeTraceRequest(probeIDs: [1], raw: true, staging: false)) else { return XCTFail() }
        XCTAssertEqual(gone, "the probe table eltop_probe was dropped from the source")
        guard case .probeWriteFailed(.insert, let write, true, _) = await tracer.write(.insert, probeID: nil, note: "n") else { return XCTFail() }
        XCTAssertTrue(write.contains("does not exist in the source"), write)
    }

    func testTheSetupCheckSaysWhatIsMissing() async throws {
        var config = Config()
        config.cdcProbe.sourceURL = ConnectionString(postgres.url(database: source), origin: "test")
        var findings = await ProbeSetupCheck(config: config).findings()
        XCTAssertTrue(findings.contains("ok: the table eltop_probe exists"), "\(findings)")
        XCTAssertTrue(findings.contains("ok: published by probe_pub"), "\(findings)")
        XCTAssertTrue(findings.contains("ok: REPLICA IDENTITY lets updates and deletes through"), "\(findings)")
        XCTAssertTrue(findings.contains("ok: postgres may write rows of eltop_probe"), "\(findings)")
        XCTAssertEqual(findings.last, "check by hand: the stream eltop_probe is selected in the Airbyte connection (its sync mode: Incremental | Append + Deduped (incremental_deduped_history)) (Airbyte is not configured in eltop)")

        // With Airbyte configured, its answer: the fake Airbyte on loopback carries the probe's stream.
        let airbyte = try AirbyteTestServer()
        try await airbyte.start()
        await airbyte.fake.addConnection(name: "dvdrental → warehouse", streams: [("eltop_probe", "incremental_append")])
        config.airbyte.server = airbyte.baseURL
        findings = await ProbeSetupCheck(config: config).findings()
        XCTAssertEqual(findings.last, "warn: the stream eltop_probe is selected in dvdrental → warehouse as Incremental | Append (incremental_append); the tracer expects Incremental | Append + Deduped (incremental_deduped_history)")
        await airbyte.stop()
        findings = await ProbeSetupCheck(config: config).findings()
        XCTAssertTrue(findings.last?.hasPrefix("check by hand: eltop could not ask Airbyte") == true, "\(findings)")
        config.airbyte.server = nil
        _ = try postgres.psql("ALTER PUBLICATION probe_pub DROP TABLE eltop_probe; ALTER TABLE eltop_probe REPLICA IDENTITY NOTHING", database: source)
        findings = await ProbeSetupCheck(config: config).findings()
        XCTAssertTrue(findings.contains("missing: eltop_probe is in no publication (ALTER PUBLICATION … ADD TABLE)"), "\(findings)")
        XCTAssertTrue(findings.contains("missing: REPLICA IDENTITY is NOTHING: updates and deletes cannot be replicated"), "\(findings)")
        _ = try postgres.psql("DROP TABLE eltop_probe", database: source)
        findings = await ProbeSetupCheck(config: config).findings()
        XCTAssertTrue(findings.contains("missing: the table eltop_probe (run the setup SQL above)"), "\(findings)")
        // The setup SQL grants to the probe URL's user, or to eltop_prober when the URL names none.
        XCTAssertTrue(config.cdcProbe.setupSQL(publication: "p").contains("GRANT SELECT, INSERT, UPDATE, DELETE ON eltop_probe TO postgres;"))
        XCTAssertTrue(CdcProbeConfig().setupSQL(publication: "p").contains("ALTER PUBLICATION p ADD TABLE eltop_probe;\nCREATE ROLE eltop_prober LOGIN;"))
    }
}
