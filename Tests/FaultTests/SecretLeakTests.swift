import EltopConfig
import EltopCore
import EltopMetrics
import EltopPollers
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

@testable import EltopApp

/// Known secret values in every place the configuration takes one, each feed made to fail so that
/// error messages are produced too; then every output eltop makes from that run is searched for them:
/// `snapshot --json`, the summary, `check --json`, the `/metrics` exposition, a `--record` recording of the round, the log file and the screens of the resulting state (every pane
/// focused, detail views open, at two sizes). None may hold a secret, nor its URL-encoded form.
/// A second round does the same with the warehouse on Snowflake (the fake SQL API refusing eltop's
/// programmatic access token), since one config has one warehouse.
@MainActor
final class SecretLeakTests: XCTestCase {
    private let secrets = ["SRC-PASS-7f3e91", "AB-CLIENT-SECRET-2c8d44", "WH-PASS-9a1b37", "PROBE-PASS-5d20c8", "SF-PAT-e4a7b9"]

    func testNoSecretReachesAnyOutput() async throws {
        let pg = try TestPostgres.shared()
        let airbyte = try AirbyteTestServer(auth: .clientCredentials(clientID: "cid", clientSecret: "another-secret", lifetimeSeconds: 900))
        try await airbyte.start()
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-secrets-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let configPath = work.appendingPathComponent("eltop.yaml").path
        let logPath = work.appendingPathComponent("eltop.log").path
        try """
            source:
              url: postgresql://no_such_role:\(secrets[0])@127.0.0.1:\(pg.port)/postgres
            airbyte:
              server: \(airbyte.baseURL)
              client_id: cid
              client_secret: \(secrets[1])
            warehouse:
              url: postgresql://wh_user:\(secrets[2])@127.0.0.1:1/warehouse
            cdc_probe:
              source_url: postgresql://probe_writer:\(secrets[3])@127.0.0.1:1/postgres
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        chmod(configPath, 0o600)
        let options = AppOptions(readOnly: true, logFile: logPath, configPath: configPath)

        var outputs: [(String, String)] = []
        // `run` starts the logging system, which a process may do once: once here, for the log file.
        outputs.append(("snapshot --json", try await SnapshotOutput.run(options: options, json: true, environment: [:])))

        outputs += try await roundOutputs(options: options, named: "postgres warehouse", in: work)

        let snowflake = try FakeSQLAPI(publicKey: nil, account: "MYORG-MYACCOUNT", user: "ELTOP_MONITOR")
        try await snowflake.start()
        let snowflakeConfigPath = work.appendingPathComponent("eltop-snowflake.yaml").path
        try """
            warehouse:
              snowflake:
                account: myorg-myaccount
                user: eltop_monitor
                token: \(secrets[4])
                host: \(snowflake.baseURL.absoluteString)
                database: ANALYTICS
            """.write(toFile: snowflakeConfigPath, atomically: true, encoding: .utf8)
        chmod(snowflakeConfigPath, 0o600)
        let snowflakeOptions = AppOptions(readOnly: true, logFile: logPath, configPath: snowflakeConfigPath)
        outputs += try await roundOutputs(options: snowflakeOptions, named: "snowflake warehouse", in: work, failing: [.warehouse])
        XCTAssertTrue(snowflake.requests.contains { $0.tokenType == "PROGRAMMATIC_ACCESS_TOKEN" }, "the token was sent, and refused")
        await snowflake.stop()
        // The log holds what the run logged at its level (possibly nothing at the default level).
        outputs.append(("log file", (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""))

        for (name, text) in outputs {
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "\(name) shows a secret:\n\(text)")
                XCTAssertFalse(text.contains(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret), name)
            }
        }
        await airbyte.stop()
    }

    /// One round of polls on `options`' config, with a recording of it, and everything eltop shows of
    /// the resulting state: the summary, `/metrics`, `check --json`, every pane focused at two sizes
    /// and every detail view. Each of `failing` must have failed, so that its error text is searched.
    private func roundOutputs(options: AppOptions, named name: String, in work: URL, failing: [Feed] = [.source, .airbyte, .warehouse]) async throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        let config = try loadConfig(options: options)
        let recordingPath = work.appendingPathComponent("flight-\(UUID().uuidString.prefix(8)).jsonl").path
        let recorder = FlightRecorder(settings: RecorderSettings(path: recordingPath, terminal: Size(cols: 120, rows: 40), glyphs: "unicode", theme: "default"))
        let state = await SnapshotOutput.oneRound(
            makeInitialState(now: Date(), options: options, config: config), feeds: FeedCatalog(config: config, userAgent: "eltop/test"),
            alongside: [recorder])
        XCTAssertNil(recorder.failure)
        outputs.append(("\(name): recording", try String(contentsOfFile: recordingPath, encoding: .utf8)))
        outputs.append(("\(name): snapshot", try SnapshotOutput.text(state, json: false)))
        outputs.append(("\(name): snapshot json", try SnapshotOutput.text(state, json: true)))
        outputs.append(("\(name): /metrics", StateExposition.text(state, version: "test")))
        let check = await CheckCommand.output(options: options, try CheckCommand.Arguments(only: nil, timeout: nil), json: true)
        XCTAssertTrue(check.text.contains("\"findings\""), check.text)
        outputs.append(("\(name): check --json", check.text))
        for feed in failing {
            XCTAssertNotNil(state.health(feed).lastError, "\(name): \(feed) must fail so that its error text is searched too")
        }
        for (index, focus) in PaneID.allCases.enumerated() {
            var focused = state
            focused.ui.focus = focus
            for size in [Size(cols: 200, rows: 60), Size(cols: 80, rows: 24)] {
                outputs.append(("\(name): screen \(focus) \(size.cols)x\(size.rows)", GoldenText.render(render(focused, size: size, theme: .builtIn))))
            }
            _ = reduce(&focused, .actionRequested(.openDetail))
            outputs.append(("\(name): detail \(index)", GoldenText.render(render(focused, size: Size(cols: 200, rows: 60), theme: .builtIn))))
        }
        return outputs
    }
}
