import EltopCore
import EltopTestSupport
import XCTest

/// `y`: what the selected row puts on the clipboard, and that no credential gets there.
final class CopyTextTests: XCTestCase {
    private func copy(_ state: inout DashboardState) -> [Effect] {
        reduce(&state, .actionRequested(.copy))
    }

    func testEachPaneCopiesItsRowsBareKey() {
        var state = StateFixtures.ok()
        XCTAssertEqual(copy(&state), [.copyToClipboard("airbyte_slot")])
        XCTAssertEqual(state.ui.notice, "Copied slot name: airbyte_slot")

        _ = reduce(&state, .actionRequested(.focus(.airbyte)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        state.airbyte.reading?.connections[1].jobs[0].failures = [AirbyteFailure(attempt: 3, origin: "source", message: "slot airbyte_slot is gone")]
        XCTAssertEqual(copy(&state), [.copyToClipboard("901")], "the connection's latest job, without its error")
        XCTAssertEqual(state.ui.notice, "Copied job id: 901")
        state.airbyte.reading?.connections[1].jobs = []
        XCTAssertEqual(copy(&state), [.copyToClipboard("c0ffee00-0000-4000-8000-000000000001")], "a connection that never ran copies its own id")
        XCTAssertEqual(state.ui.notice, "Copied connection id: c0ffee00-0000-4000-8000-000000000001")

        _ = reduce(&state, .actionRequested(.focus(.warehouse)))
        guard case .copyToClipboard(let table)? = copy(&state).first else { return XCTFail("no table copied") }
        XCTAssertEqual(table, state.visibleWarehousePairs[0].key)
        XCTAssertTrue(table.contains(".") && !table.contains(" "), "schema.table and nothing else: \(table)")

        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        XCTAssertTrue(state.visibleNodes[2].failed, "the fixture's third node is the failed one")
        XCTAssertEqual(copy(&state), [.copyToClipboard("model.dvdrental.model_2")], "the node id, without its error")
        XCTAssertEqual(state.ui.notice, "Copied node id: model.dvdrental.model_2")
    }

    func testAnEmptyPaneOrTheSettingOffCopiesNothingAndSaysWhy() {
        var state = StateFixtures.unconfigured()
        XCTAssertEqual(copy(&state), [])
        XCTAssertEqual(state.ui.notice, "Nothing to copy: Source lists no row.")
        state = StateFixtures.ok()
        state.ui.clipboardEnabled = false
        XCTAssertEqual(copy(&state), [])
        XCTAssertEqual(state.ui.notice, "Copying is off (ui.clipboard: false).")
    }

    func testCredentialsInMessagesFromOtherSystemsAreMasked() {
        var state = StateFixtures.ok()
        state.timeline = Timeline()
        let secrets = ["hunter2", "s3cr3t-token", "eyJhbGciOi.payload.sig", "'quoted pass'"]
        state.timeline.add(
            TimelineEntry(
                at: StateFixtures.now, origin: .airbyte, severity: .crit,
                message: "could not connect to postgresql://airbyte:hunter2@db:5432/app; token=s3cr3t-token; Authorization: Bearer eyJhbGciOi.payload.sig; password='quoted pass'"))
        _ = reduce(&state, .actionRequested(.focus(.timeline)))
        guard case .copyToClipboard(let text)? = copy(&state).first else { return XCTFail("nothing copied") }
        for secret in secrets { XCTAssertFalse(text.contains(secret), "\(secret) reached the clipboard: \(text)") }
        XCTAssertTrue(text.contains("postgresql://airbyte:••••@db:5432/app"), text)
        XCTAssertTrue(state.ui.notice?.hasPrefix("Copied: ") ?? false, "a line has no kind: \(state.ui.notice ?? "")")
        XCTAssertFalse(state.ui.notice?.contains("hunter2") ?? false)
    }
}
