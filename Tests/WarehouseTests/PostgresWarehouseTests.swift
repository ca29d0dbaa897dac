import EltopCore
import EltopPostgres
import EltopTestSupport
import Foundation
import XCTest

@testable import EltopPollers

/// The Postgres warehouse against a real PostgreSQL: exact and estimated counts, tables coming and
/// going between polls, missing schemas, freshness from `_airbyte_extracted_at`.
final class PostgresWarehouseTests: XCTestCase {
    private var pg: TestPostgres!
    private var database: String!

    override func setUpWithError() throws {
        pg = try TestPostgres.shared()
        database = try pg.createDatabase(prefix: "wh")
        try pg.psql(
            """
            CREATE SCHEMA raw; CREATE SCHEMA staging;
            CREATE TABLE raw.small (id int, _airbyte_extracted_at timestamptz);
            INSERT INTO raw.small SELECT g, '2026-11-25 02:00:00+00' FROM generate_series(1, 10) g;
            CREATE TABLE raw.big (id int);
            INSERT INTO raw.big SELECT generate_series(1, 5000);
            ANALYZE raw.big;
            CREATE VIEW staging.stg_small AS SELECT * FROM raw.small WHERE id <= 7;
            CREATE TABLE staging.big AS SELECT * FROM raw.big WHERE id <= 4990;
            ANALYZE staging.big;
            """, database: database)
    }

    private func poller(layout: WarehouseLayout = WarehouseLayout(rawSchema: "RAW", stagingSchema: "Staging"), exactCountMaxRows: Int64 = 1000, freshness: TimeInterval? = nil) -> WarehousePoller {
        let warehouse = PostgresWarehouse(connection: PGConnection(conninfo: pg.url(database: database)), exactCountMaxRows: exactCountMaxRows)
        return WarehousePoller(warehouse: warehouse, layout: layout, freshnessIntervalSeconds: freshness)
    }

    private func read(_ poller: WarehousePoller) async throws -> WarehouseReading {
        let reading = try await poller.poll()
        guard case .warehouse(let warehouse) = reading else { preconditionFailure("\(reading) is not a warehouse reading") }
        return warehouse
    }

    func testSmallTablesAreCountedAndLargeOnesEstimated() async throws {
        let reading = try await read(poller())
        let byKey = Dictionary(uniqueKeysWithValues: reading.tables.map { ($0.key, $0) })
        XCTAssertEqual(byKey["raw.small"]?.rows, 10)
        XCTAssertEqual(byKey["raw.small"]?.rowsEstimated, false)
        XCTAssertEqual(byKey["raw.big"]?.rows, 5000, "ANALYZE of a small table sees every row")
        XCTAssertEqual(byKey["raw.big"]?.rowsEstimated, true, "above exact_count_max_rows: an estimate, marked")
        XCTAssertEqual(byKey["staging.stg_small"]?.rows, 7, "views have no statistics and are counted")
        XCTAssertEqual(byKey["staging.stg_small"]?.rowsEstimated, false)
        XCTAssertGreaterThan(byKey["raw.big"]?.bytes ?? 0, 0)
        XCTAssertEqual(reading.missingSchemas, [])

        var state = StateFixtures.loading()
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: StateFixtures.now))
        let pairs = Dictionary(uniqueKeysWithValues: state.warehouse.pairs.map { ($0.name, $0) })
        XCTAssertEqual(pairs["small"]?.staging?.name, "stg_small", "paired by the stg_{table} rule")
        XCTAssertEqual(pairs["small"]?.drift, 3)
        XCTAssertEqual(pairs["big"]?.staging?.name, "big", "paired by the same name")
        XCTAssertEqual(pairs["big"]?.drift, 10)
        XCTAssertEqual(pairs["big"]?.driftEstimated, true)

        let exact = try await read(poller(exactCountMaxRows: 1_000_000))
        XCTAssertEqual(exact.tables.first { $0.key == "raw.big" }?.rowsEstimated, false)
    }

    func testTablesAddedAndDroppedWhileRunningAndRowChanges() async throws {
        let poller = poller()
        var state = StateFixtures.loading()
        _ = reduce(&state, .pollSucceeded(try await poller.poll(), at: Date()))
        try pg.psql("CREATE TABLE raw.late (id int); INSERT INTO raw.small SELECT generate_series(11, 15);", database: database)
        _ = reduce(&state, .pollSucceeded(try await poller.poll(), at: Date()))
        XCTAssertTrue(state.warehouse.reading!.tables.contains { $0.key == "raw.late" })
        XCTAssertEqual(state.warehouse.rowChanges["raw.small"], 5)
        XCTAssertEqual(state.warehouse.rowChanges["staging.stg_small"], 0)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "table raw.late appeared" })

        try pg.psql("DROP TABLE raw.late; DROP VIEW staging.stg_small;", database: database)
        _ = reduce(&state, .pollSucceeded(try await poller.poll(), at: Date()))
        XCTAssertFalse(state.warehouse.reading!.tables.contains { $0.key == "raw.late" })
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "table staging.stg_small disappeared" })
        XCTAssertNil(state.warehouse.pairs.first { $0.name == "small" }?.staging)
    }

    func testASchemaThatDoesNotExistIsReported() async throws {
        let reading = try await read(poller(layout: WarehouseLayout(rawSchema: "raw", stagingSchema: "analytics_staging")))
        XCTAssertEqual(reading.missingSchemas, ["analytics_staging"])
        XCTAssertEqual(Set(reading.tables.map(\.schema)), ["raw"])
        var state = StateFixtures.loading()
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: Date()))
        XCTAssertEqual(state.warehouse.severity, .warn)
    }

    func testFreshnessReadsTheAirbyteExtractionTime() async throws {
        let reading = try await read(poller(freshness: 600))
        let small = reading.tables.first { $0.key == "raw.small" }
        XCTAssertEqual(small?.extractedAt, ISO8601DateFormatter().date(from: "2026-11-25T02:00:00Z"))
        XCTAssertNil(reading.tables.first { $0.key == "raw.big" }?.extractedAt, "no _airbyte_extracted_at column")
        XCTAssertNotNil(reading.freshnessCheckedAt)
    }

    func testAnUnreachableServerFailsThePollWithItsReason() async throws {
        let warehouse = PostgresWarehouse(connection: PGConnection(conninfo: "postgresql://postgres@127.0.0.1:1/x", settings: .init(connectTimeoutSeconds: 2)), exactCountMaxRows: 10)
        let poller = WarehousePoller(warehouse: warehouse, layout: WarehouseLayout(), freshnessIntervalSeconds: nil)
        do {
            _ = try await poller.poll()
            XCTFail("expected a connection error")
        } catch let error as PGError {
            XCTAssertEqual(error.kind, .connection)
        }
    }
}
