import EltopHTTP
import EltopTestSupport
import Foundation
import XCTest

/// Known secrets in every place a config takes one, and everything the real binary lets out of its own
/// process searched for them: the bytes it drew on its terminal, `/metrics` and `/snapshot.json` scraped
/// over loopback HTTP while it runs, the `--record` file and the log it wrote, and the output of
/// `snapshot --json` and `check --json` run as separate processes. Every feed fails (a role that does not
/// exist, an Airbyte that refuses the client secret, nothing listening for the warehouse or the probe),
/// so that error texts, where a secret would most likely slip through, are searched too.
/// `FaultTests/SecretLeakTests` holds the same outputs in-process, at more sizes and with every detail view.
final class SecretLeakEndToEndTests: XCTestCase {
    private let secrets = ["E2E-SRC-PASS-6c1f02", "E2E-AB-SECRET-93d7aa", "E2E-WH-PASS-4e8b15", "E2E-PROBE-PASS-71a0c3"]

    func testNoSecretLeavesTheProcess() async throws {
        let pg = try TestPostgres.shared()
        let airbyte = try AirbyteTestServer(auth: .clientCredentials(clientID: "cid", clientSecret: "not-the-configured-one", lifetimeSeconds: 900))
        try await airbyte.start()
        let config = """
            source:
              url: postgresql://no_such_role:\(secrets[0])@127.0.0.1:\(pg.port)/postgres
              poll_interval: 1
            airbyte:
              server: \(airbyte.baseURL)
              client_id: cid
              client_secret: \(secrets[1])
              poll_interval: 1
            warehouse:
              url: postgresql://wh_user:\(secrets[2])@127.0.0.1:1/warehouse
              poll_interval: 1
            cdc_probe:
              source_url: postgresql://probe_writer:\(secrets[3])@127.0.0.1:1/postgres
            """
        let recording = NSTemporaryDirectory() + "eltop-secrets-\(UUID().uuidString.prefix(8)).jsonl"
        defer { unlink(recording) }
        let port = try MetricsEndToEndTests.freePort()
        var outputs: [(String, String)] = []

        let eltop = try PseudoTerminalEltop(config: config, cols: 160, rows: 48, arguments: ["--metrics", "127.0.0.1:\(port)", "--record", recording])
        try await eltop.readUntil("no_such_role")
        try await eltop.readUntil("refused")
        let http = HTTPClient(userAgent: "eltop-e2e")
        for path in ["/metrics", "/snapshot.json"] {
            let response = try await http.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)\(path)", timeoutSeconds: 5))
            XCTAssertEqual(response.status, 200, path)
            outputs.append((path, response.bodyText))
        }
        XCTAssertTrue(outputs[0].1.contains(#"eltop_feed_up{feed="source"} 0"#), "the scrape saw the failing source:\n\(outputs[0].1)")
        eltop.type("q")
        let status = try await eltop.exit(seconds: 10)
        XCTAssertEqual(status, 0)
        outputs.append(("the terminal", eltop.text))
        outputs.append(("the log", eltop.log))
        let recorded = try String(contentsOfFile: recording, encoding: .utf8)
        XCTAssertTrue(recorded.contains("no_such_role"), "the recording holds the source's failure, so it was searched")
        outputs.append(("the recording", recorded))

        for command in [["snapshot", "--json"], ["check", "--json"]] {
            let process = try EltopProcess(command, config: config)
            _ = try await process.waitForExit(seconds: 30)
            XCTAssertTrue(process.output.contains("no_such_role"), "\(command) reported the source's failure:\n\(process.output)")
            outputs.append((command.joined(separator: " "), process.output))
        }
        await airbyte.stop()

        for (name, text) in outputs {
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "\(name) holds \(secret):\n\(text)")
                XCTAssertFalse(text.contains(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret), "\(name) holds \(secret), URL-encoded")
            }
        }
    }
}
