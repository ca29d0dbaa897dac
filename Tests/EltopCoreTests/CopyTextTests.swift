import EltopCore
import EltopTestSupport
import XCTest

/// `y`: what the selected row puts on the clipboard, and that no credential gets there.
final class CopyTextTests: XCTestCase {
    private func copy(_ state: inout DashboardState) -> [Effect] {
        reduce(&state, .actionRequested(.copy))
    }

    func testEachPaneCopiesItsRowsKeyWithTheFactThatMatters() {
        var state = StateFixtures.ok()
        XCTAssertEqual(copy(&state), [.copyToClipboard("airbyte_slot · lag 977 KiB · retained 2.9 MiB · wal_status reserved · active")])
        XCTAssertEqual(state.ui.notice, "Copied: airbyte_slot · lag 977 KiB · retained 2.9 MiB ·…")

        _ = reduce(&state, .actionRequested(.focus(.airbyte)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        state.airbyte.reading?.connections[1].jobs[0].failures = [AirbyteFailure(attempt: 3, origin: "source", message: "slot airbyte_slot is gone")]
        XCTAssertEqual(
            copy(&state), [.copyToClipboard("connection 1 (c0ffee00-0000-4000-8000-000000000001) · job 901 failed · attempt 3: slot airbyte_slot is gone")])

        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        XCTAssertTrue(state.visibleNodes[2].failed, "the fixture's third node is the failed one")
        XCTAssertEqual(copy(&state), [.copyToClipboard("model.dvdrental.model_2 · error: Database Error in model fct_revenue: column \"amount_usd\" does not exist")])
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
        _ = reduce(&state, .actionRequested(.focus(.airbyte)))
        let secrets = ["hunter2", "s3cr3t-token", "eyJhbGciOi.payload.sig", "'quoted pass'"]
        state.airbyte.reading?.connections[0].jobs[0].failures = [
            AirbyteFailure(
                attempt: 1, origin: "source",
                message: "could not connect to postgresql://airbyte:hunter2@db:5432/app; token=s3cr3t-token; Authorization: Bearer eyJhbGciOi.payload.sig; password='quoted pass'")
        ]
        guard case .copyToClipboard(let text)? = copy(&state).first else { return XCTFail("nothing copied") }
        for secret in secrets { XCTAssertFalse(text.contains(secret), "\(secret) reached the clipboard: \(text)") }
        XCTAssertTrue(text.contains("postgresql://airbyte:••••@db:5432/app"), text)
        XCTAssertFalse(state.ui.notice?.contains("hunter2") ?? false)
    }
}
