import EltopConfig
import EltopCore
import Foundation
import XCTest

/// `warehouse.drift_warn_rows` and `warehouse.raw_stale_after`: defaults, values, and bad values
/// refused with the key named.
final class WarehouseThresholdConfigTests: XCTestCase {
    func testDefaultsWarnAboveAThousandRowsAndNeverCallRawTablesStale() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("warehouse:\n  url: host=wh dbname=warehouse\n")
        let result = sandbox.evaluate()
        XCTAssertFalse(result.hasErrors, describe(result))
        XCTAssertEqual(result.config.warehouse.thresholds, WarehouseThresholds(driftWarnRows: 1000, rawStaleAfterSeconds: nil))
    }

    func testValuesAreRead() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("warehouse:\n  url: host=wh dbname=warehouse\n  drift_warn_rows: 0\n  raw_stale_after: 3600\n")
        let result = sandbox.evaluate()
        XCTAssertFalse(result.hasErrors, describe(result))
        XCTAssertEqual(result.config.warehouse.thresholds, WarehouseThresholds(driftWarnRows: 0, rawStaleAfterSeconds: 3600))
    }

    func testBadValuesAreErrorsAtTheirKey() throws {
        for (line, key) in [("drift_warn_rows: -5", "warehouse.drift_warn_rows"), ("raw_stale_after: soon", "warehouse.raw_stale_after"), ("raw_stale_after: 0", "warehouse.raw_stale_after")] {
            let sandbox = try ConfigSandbox()
            try sandbox.writeLocalConfig("warehouse:\n  url: host=wh dbname=warehouse\n  \(line)\n")
            let result = sandbox.evaluate()
            XCTAssertEqual(result.errors.map(\.keyPath), [key], "\(line): \(describe(result))")
        }
    }
}
