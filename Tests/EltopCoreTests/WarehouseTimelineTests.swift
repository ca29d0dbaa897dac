import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Tables that appear (or go) in one warehouse poll make one timeline entry per schema, so a dbt run
/// that creates its staging models leaves the run's own line in view.
final class WarehouseTimelineTests: XCTestCase {
    private func table(_ schema: String, _ name: String, at: Date) -> WarehouseTable {
        WarehouseTable(schema: schema, name: name, rows: 10, rowsEstimated: false, bytes: 8_192, lastAltered: at)
    }

    func testSixteenStagingTablesAppearingInOnePollAreOneEntryUnderTheRunsLine() {
        let state = StateFixtures.stagingAppeared()
        let messages = state.timeline.entries.prefix(3).map(\.message)
        XCTAssertEqual(messages.count, 3)
        XCTAssertEqual(
            messages[0],
            "16 tables appeared in staging: " + StateFixtures.stagingModels.sorted().joined(separator: ", "),
            "one entry naming every table, in name order")
        XCTAssertEqual(messages[1], "dbt build finished in 6s", "the run's line is the next one, not sixteen entries down")
        XCTAssertEqual(state.timeline.entries[0].severity, .ok)
        XCTAssertEqual(state.timeline.entries[0].origin, .warehouse)
    }

    func testOneTableKeepsItsOwnWordsAndEachSchemaIsItsOwnEntry() {
        var state = StateFixtures.ok(tables: 4)
        state.timeline = Timeline()
        let at = state.now.addingTimeInterval(5)
        var reading = StateFixtures.warehouseReading(tables: 4)
        // raw.actor and staging.stg_actor go; one raw table and two staging tables come.
        reading.tables.removeFirst(2)
        reading.tables += [table("raw", "late", at: at), table("staging", "stg_b", at: at), table("staging", "stg_a", at: at)]
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: at))
        XCTAssertEqual(
            state.timeline.entries.reversed().map { "\($0.severity.rawValue) \($0.message)" },
            [
                "ok table raw.late appeared",
                "ok 2 tables appeared in staging: stg_a, stg_b",
                "warn table raw.actor disappeared",
                "warn table staging.stg_actor disappeared",
            ])
    }

    func testSeveralTablesGoingFromASchemaAreOneEntry() {
        var state = StateFixtures.ok(tables: 8)
        state.timeline = Timeline()
        var reading = StateFixtures.warehouseReading(tables: 8)
        reading.tables.removeAll { $0.schema == "staging" }
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: state.now.addingTimeInterval(5)))
        XCTAssertEqual(state.timeline.entries.map(\.message), ["4 tables disappeared from staging: stg_actor, stg_film, stg_payment, stg_rental"])
        XCTAssertEqual(state.timeline.entries.map(\.severity), [.warn])
    }

    func testTheFirstReadingLogsNoTables() {
        var state = StateFixtures.loading()
        _ = reduce(&state, .pollSucceeded(.warehouse(StateFixtures.warehouseReading(tables: 8)), at: state.now))
        XCTAssertFalse(state.timeline.entries.contains { $0.message.contains("appeared") })
    }
}
