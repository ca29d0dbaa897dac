import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The warehouse concerns found through the kept orders against a walk over every pair, sorted: the
/// same pairs in the same order at any clock and thresholds, the first one alone, and none at all.
final class WarehouseConcernOrderTests: XCTestCase {
    private let now = StateFixtures.now

    /// Pairs with every drift and age around the thresholds, ties included, and some one-sided.
    private func tables() -> [WarehouseTable] {
        (0..<60).flatMap { i -> [WarehouseTable] in
            let raw = WarehouseTable(
                schema: "raw", name: "t\(i)", rows: Int64(5_000 + (i * 37 % 11) * 300), rowsEstimated: i % 4 == 0, bytes: nil,
                lastAltered: now.addingTimeInterval(-Double(i * 53 % 17) * 600),
                extractedAt: i % 3 == 0 ? nil : now.addingTimeInterval(-Double(i * 29 % 13) * 900))
            let staging = WarehouseTable(schema: "staging", name: "stg_t\(i)", rows: 5_000, rowsEstimated: false, bytes: nil, lastAltered: nil)
            return i % 7 == 0 ? [raw] : i % 11 == 0 ? [staging] : [raw, staging]
        }
    }

    /// The concerns' pairs as the definition lists them: drifting by |drift| descending, then stale
    /// raw tables by age descending, each sorted stably from the pane's order.
    private func expectedKeys(_ warehouse: WarehouseState, now: Date) -> [String] {
        let limit = warehouse.thresholds.driftWarnRows
        let drifting = warehouse.pairs.filter { limit > 0 && abs($0.drift ?? 0) > limit && $0.drift != nil }
            .sorted { abs($0.drift!) > abs($1.drift!) }
        let staleAfter = warehouse.thresholds.rawStaleAfterSeconds
        let stale = warehouse.pairs.compactMap { pair -> (TimeInterval, WarehousePair)? in
            guard let staleAfter, pair.raw != nil, let freshest = pair.freshestAt, now.timeIntervalSince(freshest) > staleAfter else { return nil }
            return (now.timeIntervalSince(freshest), pair)
        }.sorted { $0.0 > $1.0 }.map(\.1)
        return (drifting + stale).map(\.key)
    }

    func testConcernsAreTheSortedWalkAtEveryThresholdAndClock() {
        for sort in WarehouseSort.allCases {
            for thresholds in [
                WarehouseThresholds(), WarehouseThresholds(driftWarnRows: 0), WarehouseThresholds(driftWarnRows: 600, rawStaleAfterSeconds: 3_000),
                WarehouseThresholds(driftWarnRows: 5_000, rawStaleAfterSeconds: 60), WarehouseThresholds(driftWarnRows: 0, rawStaleAfterSeconds: 100_000),
            ] {
                var state = configured()
                state.warehouse.thresholds = thresholds
                state.warehouse.sort = sort
                _ = reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: tables())), at: now))
                for ahead in [0.0, 1_000, 10_000] {
                    let at = now.addingTimeInterval(ahead)
                    let concerns = state.warehouse.pairConcerns(now: at)
                    let label = "\(sort) \(thresholds) +\(ahead)s"
                    XCTAssertEqual(concerns.map(\.pair.key), expectedKeys(state.warehouse, now: at), label)
                    XCTAssertEqual(state.warehouse.firstPairConcern(now: at), concerns.first, label)
                    XCTAssertEqual(state.warehouse.hasPairConcern(now: at), !concerns.isEmpty, label)
                }
            }
        }
    }

    private func configured() -> DashboardState {
        var state = StateFixtures.unconfigured()
        state.updateHealth(.warehouse) { $0.configured = true; $0.pollInterval = 30 }
        return state
    }

    func testSchemaTotalsSumEachSchemaWhateverItsCase() {
        var state = configured()
        XCTAssertEqual(state.warehouse.schemaTotals, [])
        let tables = [
            WarehouseTable(schema: "RAW", name: "a", rows: 10, rowsEstimated: false, bytes: nil, lastAltered: nil),
            WarehouseTable(schema: "raw", name: "b", rows: 5, rowsEstimated: false, bytes: nil, lastAltered: nil),
            WarehouseTable(schema: "staging", name: "stg_a", rows: nil, rowsEstimated: false, bytes: nil, lastAltered: nil),
            WarehouseTable(schema: "staging", name: "stg_b", rows: 7, rowsEstimated: false, bytes: nil, lastAltered: nil),
        ]
        _ = reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: tables)), at: now))
        XCTAssertEqual(state.warehouse.schemaTotals, [
            WarehouseSchemaTotal(schema: "raw", rows: 15, estimated: false), WarehouseSchemaTotal(schema: "staging", rows: 7, estimated: true),
        ])
    }
}
