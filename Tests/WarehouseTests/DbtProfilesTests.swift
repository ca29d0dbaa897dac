import EltopConfig
import Foundation
import XCTest

/// The warehouse read from a dbt project's profiles.yml, as eltop's config loader adopts it.
final class DbtProfilesTests: XCTestCase {
    private var project: String!
    private var home: String!

    override func setUpWithError() throws {
        let root = NSTemporaryDirectory() + "eltop-dbt-\(UUID().uuidString)"
        project = root + "/project"
        home = root + "/home"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home + "/.dbt", withIntermediateDirectories: true)
        try "name: dvdrental\nprofile: dvd_rental\n".write(toFile: project + "/dbt_project.yml", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (project as NSString).deletingLastPathComponent)
    }

    private func writeProfiles(_ yaml: String, in directory: String? = nil) throws {
        try yaml.write(toFile: (directory ?? home + "/.dbt") + "/profiles.yml", atomically: true, encoding: .utf8)
    }

    private func load(_ variables: [String: String] = [:]) -> ConfigLoadResult {
        let environment = ConfigEnvironment(variables: ["HOME": home, "ELTOP_DBT_PROJECT_DIR": project].merging(variables) { $1 }, currentDirectory: project)
        return ConfigLoader(environment: environment).evaluate()
    }

    func testSnowflakeKeyPairProfileWithEnvVars() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: prod
              outputs:
                prod:
                  type: snowflake
                  account: "{{ env_var('SF_ACCOUNT') }}"
                  user: "{{ env_var('SF_USER', 'ELTOP_MONITOR') }}"
                  private_key_path: /keys/eltop.p8
                  role: "{{ env_var('SF_ROLE', 'TRANSFORMER') }}"
                  database: ANALYTICS
                  warehouse: TRANSFORMING
                  schema: staging
                  threads: 4
            """)
        let result = load(["SF_ACCOUNT": "myorg-myaccount", "SF_ROLE": "MONITOR"])
        let warehouse = result.config.warehouse
        XCTAssertEqual(warehouse.effectiveKind, .snowflake)
        XCTAssertEqual(warehouse.snowflake.account, "myorg-myaccount")
        XCTAssertEqual(warehouse.snowflake.user, "ELTOP_MONITOR", "the default when the variable is unset")
        XCTAssertEqual(warehouse.snowflake.role, "MONITOR", "the variable when it is set")
        XCTAssertEqual(warehouse.snowflake.auth, .keyPair(user: "ELTOP_MONITOR", privateKeyPath: "/keys/eltop.p8"))
        XCTAssertEqual(warehouse.snowflake.database, "ANALYTICS")
        XCTAssertTrue(warehouse.isConfigured)
        XCTAssertEqual(warehouse.dbtProfileOrigin, home + "/.dbt/profiles.yml (profile dvd_rental, target prod)")
    }

    func testSnowflakePasswordProfileSaysTheSQLAPITakesNone() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: dev
              outputs:
                dev: {type: snowflake, account: xy12345.us-east-1, user: LOADER, password: "{{ env_var('SNOWFLAKE_PASSWORD') }}", database: ANALYTICS}
            """)
        let result = load(["SNOWFLAKE_PASSWORD": "hunter2"])
        let warehouse = result.config.warehouse
        XCTAssertFalse(warehouse.isConfigured)
        XCTAssertTrue(warehouse.configureHint.contains("takes no password"), warehouse.configureHint)
        XCTAssertTrue(warehouse.configureHint.contains("key pair"), warehouse.configureHint)
        XCTAssertFalse(warehouse.configureHint.contains("hunter2"))
    }

    func testEncryptedKeyProfileIsAClearError() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: dev
              outputs:
                dev: {type: snowflake, account: a, user: u, private_key_path: /k.p8, private_key_passphrase: secret}
            """)
        let warehouse = load().config.warehouse
        XCTAssertFalse(warehouse.isConfigured)
        XCTAssertTrue(warehouse.configureHint.contains("encrypted private key"), warehouse.configureHint)
    }

    func testPostgresProfileFromTheProjectDirectory() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: local
              outputs:
                local:
                  type: postgres
                  host: 127.0.0.1
                  port: "{{ env_var('WAREHOUSE_PORT', '5432') | as_number }}"
                  user: loader
                  password: "it's"
                  dbname: warehouse
                  schema: staging
            """, in: project)
        let warehouse = load(["WAREHOUSE_PORT": "55432"]).config.warehouse
        XCTAssertEqual(warehouse.effectiveKind, .postgres)
        XCTAssertEqual(warehouse.url?.revealed, #"host='127.0.0.1' port='55432' dbname='warehouse' user='loader' password='it\'s'"#)
        XCTAssertTrue(warehouse.isConfigured)
    }

    func testEnvVarWithoutDefaultMustBeSet() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: dev
              outputs:
                dev: {type: postgres, host: "{{ env_var('WAREHOUSE_HOST') }}", dbname: w}
            """)
        let warehouse = load().config.warehouse
        XCTAssertFalse(warehouse.isConfigured)
        XCTAssertTrue(warehouse.configureHint.contains("env_var('WAREHOUSE_HOST') with no default"), warehouse.configureHint)
    }

    func testMissingTargetNamesTheOutputsThereAre() throws {
        try writeProfiles(
            """
            dvd_rental:
              target: prod
              outputs:
                dev: {type: postgres, host: h, dbname: w}
                ci: {type: postgres, host: h, dbname: w}
            """)
        let result = load()
        XCTAssertTrue(result.config.warehouse.configureHint.contains("has no target prod (outputs: ci, dev)"), result.config.warehouse.configureHint)
        XCTAssertTrue(result.problems.contains { "\($0)".contains("has no target prod") })
    }

    func testEltopsOwnWarehouseSettingsWin() throws {
        try writeProfiles("dvd_rental:\n  target: dev\n  outputs:\n    dev: {type: snowflake, account: a, user: u, private_key_path: /k.p8}\n")
        let warehouse = load(["ELTOP_WAREHOUSE_URL": "postgresql://me@127.0.0.1/w"]).config.warehouse
        XCTAssertEqual(warehouse.effectiveKind, .postgres)
        XCTAssertNil(warehouse.dbtProfileOrigin)
    }
}
