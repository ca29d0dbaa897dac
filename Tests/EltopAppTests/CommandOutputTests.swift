import EltopConfig
import EltopCore
import EltopUI
import Foundation
import XCTest

@testable import EltopApp

final class CommandOutputTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_750_000_000)

    func testInitialStateHasEveryFeedUnconfiguredWithAHint() {
        let state = makeInitialState(now: now, options: AppOptions(readOnly: true), config: Config())
        for feed in Feed.allCases {
            XCTAssertFalse(state.health(feed).configured, "\(feed)")
            XCTAssertTrue(state.health(feed).configureHint.contains("eltop.yaml"), "\(feed): \(state.health(feed).configureHint)")
            XCTAssertEqual(state.status(feed), .unconfigured)
        }
        XCTAssertTrue(state.ui.readOnly)
    }

    func testSnapshotJSONHasEverySectionUnconfigured() throws {
        let text = try SnapshotOutput.text(makeInitialState(now: now, options: AppOptions(), config: Config()), json: true)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for section in ["source", "airbyte", "warehouse", "dbt"] {
            let body = try XCTUnwrap(object[section] as? [String: Any], section)
            XCTAssertEqual(body["status"] as? String, "unconfigured", section)
        }
        XCTAssertEqual((object["events"] as? [Any])?.count, 0)
        XCTAssertEqual(object["generated_at"] as? String, "2025-06-15T15:06:40Z")
    }

    func testSnapshotSummaryHasOneLinePerSection() throws {
        var state = makeInitialState(now: now, options: AppOptions(), config: Config())
        state.source.health.configured = true
        state.source.health.lastSuccessAt = now.addingTimeInterval(-3)
        state.dbt.health.configured = true
        state.dbt.health.lastError = "dbt not found"
        let lines = try SnapshotOutput.text(state, json: false).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "source    ok, data from 3s ago",
            "airbyte   unconfigured: " + Config().initialHealth(for: .airbyte).configureHint,
            "warehouse unconfigured: " + Config().initialHealth(for: .warehouse).configureHint,
            "dbt       error: dbt not found",
            "events    0",
        ])
    }

    func testDefaultThemeAndNoColor() throws {
        XCTAssertEqual(try ThemeChoice.resolve(nil, environment: [:]), .builtIn)
        XCTAssertEqual(try ThemeChoice.resolve("default", environment: ["NO_COLOR": ""]), .builtIn, "an empty NO_COLOR does not count")
        let mono = try ThemeChoice.resolve(nil, environment: ["NO_COLOR": "1"])
        for role in Role.allCases {
            XCTAssertEqual(mono.style(role).foreground, .terminalDefault, "\(role)")
            XCTAssertEqual(mono.style(role).background, .terminalDefault, "\(role)")
            XCTAssertEqual(mono.style(role).attributes, Theme.builtIn.style(role).attributes, "\(role) keeps its attributes")
        }
    }

    func testUnknownThemeIsRefused() {
        XCTAssertThrowsError(try ThemeChoice.resolve("solarized", environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("solarized"))
        }
    }
}
