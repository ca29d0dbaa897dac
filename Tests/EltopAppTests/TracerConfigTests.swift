@testable import EltopApp
import EltopConfig
import EltopCore
import EltopPollers
import Foundation
import XCTest

/// The tracer is on exactly when its client can be built: a probe URL and a configured warehouse,
/// PostgreSQL or Snowflake; the state knows which, so the reducer never reads Snowflake at a poll.
final class TracerConfigTests: XCTestCase {
    private func config(snowflakeToken: Bool) -> Config {
        var config = Config()
        config.cdcProbe.sourceURL = ConnectionString("postgresql://eltop_prober@127.0.0.1:1/app", origin: "test")
        config.warehouse.kind = .snowflake
        config.warehouse.snowflake.account = "myorg-myaccount"
        if snowflakeToken { config.warehouse.snowflake.token = Secret("pat-secret", origin: "test") }
        return config
    }

    func testASnowflakeWarehouseTurnsTheTracerOn() {
        let config = config(snowflakeToken: true)
        let state = makeInitialState(now: Date(), options: AppOptions(), config: config)
        XCTAssertTrue(state.tracer.configured)
        XCTAssertEqual(state.tracer.warehouseKind, .snowflake)
        XCTAssertNotNil(FeedCatalog(config: config).tracer)
    }

    func testAnIncompleteSnowflakeLeavesItOff() {
        let config = config(snowflakeToken: false)
        XCTAssertFalse(makeInitialState(now: Date(), options: AppOptions(), config: config).tracer.configured)
        XCTAssertNil(FeedCatalog(config: config).tracer)
    }
}
