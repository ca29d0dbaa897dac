import EltopConfig
import EltopTestSupport
import Foundation
import XCTest

@testable import EltopPollers

/// `eltop config check` asks the fake Airbyte (FlyingFox on loopback, eltop's libcurl client) whether the
/// probe's stream is selected in the connection that carries it, and with which sync mode; an Airbyte that
/// does not answer is said so, never taken for a selected stream.
final class ProbeStreamCheckTests: XCTestCase {
    private var harness: AirbyteHarness!

    override func setUp() async throws { harness = try await AirbyteHarness() }
    override func tearDown() async throws { await harness.stop() }

    private func check(connection: String? = nil, ids: [String] = [], api: AirbyteAPI? = nil) async -> String {
        var probe = CdcProbeConfig()
        probe.connection = connection
        return await ProbeStreamCheck(api: api ?? harness.api(), connectionIDs: ids, probe: probe).finding()
    }

    func testASelectedStreamIsReportedWithItsSyncMode() async {
        await harness.fake.addConnection(name: "other", streams: [("eltop_probe", "full_refresh_overwrite")])
        let id = await harness.fake.addConnection(
            name: "dvdrental → warehouse", streams: [("rental", "incremental_deduped_history"), ("eltop_probe", "incremental_deduped_history")])
        let named = await check(connection: "dvdrental → warehouse")
        XCTAssertEqual(named, "ok: the stream eltop_probe is selected in the Airbyte connection dvdrental → warehouse (Incremental | Append + Deduped (incremental_deduped_history))")
        let byID = await check(connection: id, ids: [id])
        XCTAssertEqual(byID, named, "by id, through GET /connections/{id}")
        let first = await check()
        XCTAssertEqual(first, "warn: the stream eltop_probe is selected in other as Full refresh | Overwrite (full_refresh_overwrite); the tracer expects Incremental | Append + Deduped (incremental_deduped_history)",
                       "without cdc_probe.connection: the first connection, as the dashboard traces it")
    }

    func testAStreamNotSelectedSaysHowToSelectIt() async {
        let id = await harness.fake.addConnection(name: "dvdrental → warehouse", streams: [("rental", "incremental_deduped_history")])
        let finding = await check(ids: [id])
        XCTAssertEqual(finding, "missing: the stream eltop_probe is not selected in the Airbyte connection dvdrental → warehouse: in Airbyte open the connection's Schema tab, "
            + "refresh the source schema if eltop_probe is not listed, select it and set Incremental | Append + Deduped (incremental_deduped_history)")
        let unknown = await check(connection: "nope")
        XCTAssertEqual(unknown, "missing: the Airbyte connection nope (cdc_probe.connection) is not among the connections eltop sees")
    }

    func testAnAirbyteThatDoesNotAnswerIsNeverTakenForASelectedStream() async {
        await harness.fake.addConnection(name: "dvdrental → warehouse", streams: [("eltop_probe", "incremental_deduped_history")])
        await harness.fake.inject(AirbyteFakeFault(.htmlFromProxy, on: "/connections"))
        let proxied = await check()
        XCTAssertTrue(proxied.hasPrefix("check by hand: eltop could not ask Airbyte (HTTP 502: \"502 Bad Gateway\", an HTML page instead of JSON"), proxied)
        XCTAssertTrue(proxied.hasSuffix("so it cannot tell whether the stream eltop_probe is selected in the Airbyte connection (its sync mode: Incremental | Append + Deduped (incremental_deduped_history))"), proxied)

        await harness.stop()
        let down = await check()
        XCTAssertTrue(down.hasPrefix("check by hand: eltop could not ask Airbyte ("), down)
        XCTAssertFalse(down.contains("ok:"), down)
        let off = await ProbeStreamCheck(api: nil, connectionIDs: [], probe: CdcProbeConfig()).finding()
        XCTAssertEqual(off, "check by hand: the stream eltop_probe is selected in the Airbyte connection (its sync mode: Incremental | Append + Deduped (incremental_deduped_history)) (Airbyte is not configured in eltop)")
    }
}
