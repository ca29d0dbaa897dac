import EltopConfig
import EltopCore
import XCTest

/// Environment variables override the YAML file, key by key, and alone are enough to run eltop.
final class EnvironmentOverrideTests: XCTestCase {
    func testEnvironmentOverridesYAMLKeyByKey() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig(
            """
            source:
              url: postgresql://yaml@db/yaml
            airbyte:
              server: yaml-host
              username: yaml-user
              password: yaml-pass
            warehouse:
              raw_schema: yaml_raw
              staging_schema: yaml_staging
            dbt:
              project_dir: yaml/project
            ui:
              theme: light
            """)
        sandbox.variables["ELTOP_SOURCE_URL"] = "postgresql://env@db/env"
        sandbox.variables["AIRBYTE_SERVER_NAME"] = "env-host:9000"
        sandbox.variables["ELTOP_RAW_SCHEMA"] = "env_raw"
        sandbox.variables["ELTOP_THEME"] = "mono"
        let result = sandbox.evaluate()
        let config = result.config
        XCTAssertEqual(config.source.connection?.revealed, "postgresql://env@db/env")
        XCTAssertEqual(config.airbyte.server, "env-host:9000")
        XCTAssertEqual(config.airbyte.username, "yaml-user", "keys without an env var keep the YAML value")
        XCTAssertEqual(config.warehouse.rawSchema, "env_raw")
        XCTAssertEqual(config.warehouse.stagingSchema, "yaml_staging")
        XCTAssertEqual(config.dbt.projectDir, sandbox.cwd + "/yaml/project", "YAML paths are relative to the file")
        XCTAssertEqual(config.ui.theme, "mono")
        XCTAssertEqual(config.origins["source.url"], .environment("ELTOP_SOURCE_URL"))
        XCTAssertEqual(config.origins["airbyte.username"], .file(path: sandbox.cwd + "/eltop.yaml", line: 5, column: 13))
    }

    func testEveryDocumentedVariableIsRead() throws {
        let sandbox = try ConfigSandbox()
        let keyFile = try sandbox.write("-----BEGIN PRIVATE KEY-----\n", to: "keys/sf.p8")
        let project = try sandbox.write("name: demo\n", to: "work/dbt/dbt_project.yml")
        sandbox.variables.merge([
            "ELTOP_SOURCE_URL": "host=src dbname=app",
            "AIRBYTE_SERVER_NAME": "https://airbyte.example.com",
            "AIRBYTE_CONNECTION_ID": "2747215d-c040-47f5-a0bc-9ceb91871bef",
            "AIRBYTE_CLIENT_ID": "client", "AIRBYTE_CLIENT_SECRET": "cs",
            "ELTOP_WAREHOUSE": "Snowflake", "SNOWFLAKE_ACCOUNT": "myorg-acct", "SNOWFLAKE_USER": "LOADER",
            "SNOWFLAKE_PRIVATE_KEY_PATH": keyFile, "SNOWFLAKE_ROLE": "R", "SNOWFLAKE_WAREHOUSE": "W",
            "SNOWFLAKE_DATABASE": "D", "ELTOP_STAGING_SCHEMA": "stg",
            "ELTOP_DBT_PROJECT_DIR": "dbt", "ELTOP_DBT_COMMAND": "dbt run", "ELTOP_DBT_PROFILES_DIR": "/etc/dbt",
        ]) { $1 }
        let result = sandbox.evaluate()
        XCTAssertFalse(result.hasErrors, describe(result))
        let config = result.config
        XCTAssertEqual(config.source.connection?.revealed, "host=src dbname=app")
        XCTAssertEqual(config.airbyte.baseURL?.absoluteString, "https://airbyte.example.com")
        XCTAssertEqual(
            config.airbyte.auth, .clientCredentials(clientID: "client", clientSecret: Secret("cs", origin: "AIRBYTE_CLIENT_SECRET")))
        XCTAssertEqual(config.warehouse.kind, .snowflake, "the kind is case-insensitive")
        XCTAssertEqual(config.warehouse.snowflake.auth, .keyPair(user: "LOADER", privateKeyPath: keyFile))
        XCTAssertEqual(config.warehouse.snowflake.baseURL?.absoluteString, "https://myorg-acct.snowflakecomputing.com")
        XCTAssertEqual(config.warehouse.snowflake.role, "R")
        XCTAssertEqual(config.warehouse.snowflake.warehouse, "W")
        XCTAssertEqual(config.warehouse.snowflake.database, "D")
        XCTAssertEqual(config.warehouse.stagingSchema, "stg")
        XCTAssertEqual(config.dbt.projectDir, (project as NSString).deletingLastPathComponent, "env paths are relative to the cwd")
        XCTAssertEqual(config.dbt.command, "dbt run")
        XCTAssertEqual(config.dbt.profilesDir, "/etc/dbt")
        for feed in Feed.allCases {
            XCTAssertTrue(config.settings(for: feed).isConfigured, "\(feed) should be configured from env alone")
        }
    }

    func testCommaSeparatedConnectionIDs() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["AIRBYTE_CONNECTION_ID"] = " 2747215d-c040-47f5-a0bc-9ceb91871bef, a8119660-0a74-4428-813a-f550bfc9cec6,,"
        let result = sandbox.evaluate()
        XCTAssertEqual(
            result.config.airbyte.connectionIDs,
            ["2747215d-c040-47f5-a0bc-9ceb91871bef", "a8119660-0a74-4428-813a-f550bfc9cec6"])
        XCTAssertTrue(result.problems.isEmpty, describe(result))
    }

    func testNonUUIDConnectionIDIsAWarning() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["AIRBYTE_CONNECTION_ID"] = "not-a-uuid"
        let result = sandbox.evaluate()
        XCTAssertEqual(result.warnings.map(\.keyPath), ["airbyte.connection_ids"])
        XCTAssertEqual(result.warnings.first?.location, .environment("AIRBYTE_CONNECTION_ID"))
    }

    func testSnowflakeUsernameIsAnAliasForSnowflakeUser() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["SNOWFLAKE_USERNAME"] = "seed_user"
        XCTAssertEqual(sandbox.evaluate().config.warehouse.snowflake.user, "seed_user")
        sandbox.variables["SNOWFLAKE_USER"] = "real_user"
        let result = sandbox.evaluate()
        XCTAssertEqual(result.config.warehouse.snowflake.user, "real_user", "SNOWFLAKE_USER wins over the alias")
        XCTAssertEqual(result.config.origins["warehouse.snowflake.user"], .environment("SNOWFLAKE_USER"))
    }

    func testLibpqVariablesConfigureTheSourceWithAnEmptyConninfo() throws {
        let sandbox = try ConfigSandbox()
        XCTAssertFalse(sandbox.evaluate().config.source.isConfigured)
        sandbox.variables["PGPASSWORD"] = "x"
        XCTAssertFalse(sandbox.evaluate().config.source.isConfigured, "a password alone does not say where to connect")
        sandbox.variables["PGHOST"] = "db.internal"
        sandbox.variables["PGDATABASE"] = "dvdrental"
        let source = sandbox.evaluate().config.source
        XCTAssertTrue(source.isConfigured)
        XCTAssertEqual(source.connection?.revealed, "")
        XCTAssertEqual(source.connection?.origin, "libpq environment (PGHOST, PGDATABASE)")
    }

    func testPGServiceAloneIsEnough() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["PGSERVICE"] = "cdc"
        XCTAssertEqual(sandbox.evaluate().config.source.connection?.revealed, "")
    }

    func testExplicitSourceURLWinsOverLibpqVariables() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["PGHOST"] = "ignored"
        try sandbox.writeLocalConfig("source:\n  url: host=from-yaml\n")
        XCTAssertEqual(sandbox.evaluate().config.source.connection?.revealed, "host=from-yaml")
    }

    func testEmptyVariableCountsAsUnset() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("airbyte:\n  server: from-yaml\n")
        sandbox.variables["AIRBYTE_SERVER_NAME"] = "  "
        XCTAssertEqual(sandbox.evaluate().config.airbyte.server, "from-yaml")
    }

    func testInvalidWarehouseKindNamesTheVariable() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["ELTOP_WAREHOUSE"] = "bigquery"
        let result = sandbox.evaluate()
        XCTAssertEqual(result.errors.count, 1, describe(result))
        XCTAssertEqual(result.errors[0].location, .environment("ELTOP_WAREHOUSE"))
        XCTAssertEqual(result.errors[0].hint, "use one of: snowflake, postgres")
    }

    func testWarehouseKindIsInferred() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["ELTOP_WAREHOUSE_URL"] = "postgresql://wh/analytics"
        XCTAssertEqual(sandbox.evaluate().config.warehouse.effectiveKind, .postgres)
        XCTAssertTrue(sandbox.evaluate().config.warehouse.isConfigured)
        sandbox.variables["ELTOP_WAREHOUSE_URL"] = nil
        sandbox.variables["SNOWFLAKE_ACCOUNT"] = "org-acct"
        let warehouse = sandbox.evaluate().config.warehouse
        XCTAssertEqual(warehouse.effectiveKind, .snowflake)
        XCTAssertFalse(warehouse.isConfigured, "an account without credentials cannot be queried")
        XCTAssertTrue(warehouse.configureHint.contains("SNOWFLAKE_TOKEN"))
    }

    func testSnowflakePasswordAloneExplainsTheSQLAPITakesNone() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["SNOWFLAKE_ACCOUNT"] = "org-acct"
        sandbox.variables["SNOWFLAKE_USERNAME"] = "u"
        sandbox.variables["SNOWFLAKE_PASSWORD"] = "pw"
        let result = sandbox.evaluate()
        XCTAssertFalse(result.config.warehouse.isConfigured)
        XCTAssertTrue(result.config.warehouse.configureHint.contains("takes no password"))
        XCTAssertEqual(result.warnings.map(\.keyPath), ["warehouse.snowflake"])
    }

    func testSnowflakeHostOverridesAccountURLAndPlainHTTPOnlyForLoopback() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables.merge(["SNOWFLAKE_ACCOUNT": "a", "SNOWFLAKE_TOKEN": "t", "SNOWFLAKE_HOST": "http://127.0.0.1:8443"]) { $1 }
        var result = sandbox.evaluate()
        XCTAssertFalse(result.hasErrors, describe(result))
        XCTAssertEqual(result.config.warehouse.snowflake.baseURL?.absoluteString, "http://127.0.0.1:8443")
        sandbox.variables["SNOWFLAKE_HOST"] = "http://proxy.example.com"
        result = sandbox.evaluate()
        XCTAssertEqual(result.errors.map(\.location), [.environment("SNOWFLAKE_HOST")])
        XCTAssertTrue(result.errors[0].message.contains("plain http"))
        XCTAssertFalse(result.config.warehouse.isConfigured)
    }

    func testInitialHealthCarriesHintAndInterval() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("dbt:\n  poll_interval: 2.5\n")
        let config = sandbox.evaluate().config
        let health = config.initialHealth(for: .dbt)
        XCTAssertFalse(health.configured)
        XCTAssertEqual(health.configureHint, "set ELTOP_DBT_PROJECT_DIR or dbt.project_dir in eltop.yaml")
        XCTAssertEqual(health.pollInterval, 2.5)
        XCTAssertEqual(config.initialHealth(for: .source).configureHint, "set ELTOP_SOURCE_URL or source.url in eltop.yaml")
    }
}
