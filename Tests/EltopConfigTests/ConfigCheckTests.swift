import EltopConfig
import Foundation
import XCTest

/// `eltop config check`: the report text, its exit status, and the shipped example passing it.
final class ConfigCheckTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testReportShowsProblemsAndMaskedSettings() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig(
            """
            source:
              url: postgresql://app:SUPERSECRET@db/dvd
            airbyte:
              server: localhost
              pasword: x
            """, mode: 0o600)
        sandbox.variables["AIRBYTE_TOKEN"] = "TOKENSECRET"
        sandbox.variables["ELTOP_WAREHOUSE_URL"] = "host=wh password=WHSECRET dbname=warehouse"
        let report = ConfigCheck.run(sandbox.loader())
        XCTAssertEqual(report.exitStatus, 1)
        let text = report.render().replacingOccurrences(of: sandbox.root.path, with: "<sandbox>")
        let expected = """
            Config file: <sandbox>/work/eltop.yaml (chosen by ./eltop.yaml)

            1 error, 0 warnings:
              <sandbox>/work/eltop.yaml:5:3: error: airbyte.pasword: unknown key
                  hint: did you mean "password"?

            Source: configured
              url                 postgresql://app:••••@db/dvd  (<sandbox>/work/eltop.yaml:2:8)
              poll_interval       5 s
              slots               all logical slots
              lag warn/crit       1.0 GiB / 10 GiB
              retained warn/crit  5.0 GiB / 20 GiB
              inactive warn/crit  7200 s / 43200 s

            Airbyte: configured
              server          http://localhost:8000  (<sandbox>/work/eltop.yaml:4:11)
              connection_ids  all connections
              auth            bearer token ••••
              poll_interval   10 s

            Warehouse: configured
              kind                  postgres
              url                   host=wh password=•••• dbname=warehouse  (env ELTOP_WAREHOUSE_URL)
              raw_schema            raw
              staging_schema        staging
              poll_interval         30 s
              staging_name          stg_{table}
              freshness             every 900 s
              exact_count_max_rows  1000000
              drift_warn_rows       1000
              raw_stale_after       off

            dbt: not configured: set ELTOP_DBT_PROJECT_DIR or dbt.project_dir in eltop.yaml
              project_dir    unset
              command        dbt build
              profiles_dir   dbt default
              target_dir     unset
              poll_interval  5 s

            UI:
              theme      default
              read_only  no
              clipboard  yes (OSC 52)

            Metrics:
              listen            127.0.0.1:39187 (eltop serve)
              max_table_series  50

            """
        XCTAssertEqual(text, expected, "\n--- got ---\n\(text)")
        for secret in ["SUPERSECRET", "TOKENSECRET", "WHSECRET"] {
            XCTAssertFalse(text.contains(secret))
        }
    }

    func testNothingConfiguredIsAWarningAndExitsZero() throws {
        let sandbox = try ConfigSandbox()
        let report = ConfigCheck.run(sandbox.loader())
        XCTAssertEqual(report.exitStatus, 0)
        XCTAssertEqual(report.problems.map(\.severity), [.warning])
        let text = report.render()
        XCTAssertTrue(
            text.hasPrefix(
                "Config file: none found; using environment variables only\n  looked for: \(sandbox.cwd)/eltop.yaml, \(sandbox.home)/.config/eltop/config.yaml\n"
            ), text)
        XCTAssertTrue(text.contains("0 errors, 1 warning:"), text)
    }

    func testWarningsAloneExitZero() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("source:\n  url: postgresql://a:b@db/x\n", mode: 0o644)
        let report = ConfigCheck.run(sandbox.loader())
        XCTAssertEqual(report.problems.map(\.severity), [.warning])
        XCTAssertEqual(report.exitStatus, 0)
    }

    /// docs/eltop.example.yaml is what people copy: it must pass the check with nothing to fix, once
    /// the files it names exist.
    func testShippedExamplePassesCheck() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write("client-secret\n", to: "home/.config/eltop/airbyte-client-secret")
        try sandbox.write("-----BEGIN PRIVATE KEY-----\n", to: "home/.config/eltop/snowflake_key.p8")
        try sandbox.write("name: dvd_rental\n", to: "home/pipeline/dbt/dbt_project.yml")
        let example = Self.repository.appendingPathComponent("docs/eltop.example.yaml").path
        let report = ConfigCheck.run(sandbox.loader(explicitPath: example))
        XCTAssertEqual(report.problems, [], report.render())
        XCTAssertEqual(report.exitStatus, 0)
        let config = report.config
        XCTAssertTrue(config.source.isConfigured && config.airbyte.isConfigured && config.warehouse.isConfigured && config.dbt.isConfigured)
        XCTAssertEqual(
            config.warehouse.snowflake.auth,
            .keyPair(user: "ELTOP_MONITOR", privateKeyPath: sandbox.home + "/.config/eltop/snowflake_key.p8"))
        XCTAssertEqual(config.airbyte.clientSecret?.revealed, "client-secret")
    }
}
