import Crypto
import EltopCore
import EltopSnowflake
import EltopTestSupport
import Foundation
import XCTest
import _CryptoExtras

@testable import EltopPollers

/// The SQL API client and the Snowflake warehouse against `FakeSQLAPI`, over real libcurl.
final class SnowflakeContractTests: XCTestCase {
    private var api: FakeSQLAPI!
    private var keyPath: String!
    private var key: _RSA.Signing.PrivateKey!

    override func setUp() async throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        keyPath = NSTemporaryDirectory() + "eltop-sf-\(UUID().uuidString).p8"
        try key.pemRepresentation.write(toFile: keyPath, atomically: true, encoding: .utf8)
        api = try FakeSQLAPI(publicKey: key.publicKey, account: "MYORG-MYACCOUNT", user: "ELTOP_MONITOR")
        try await api.start()
    }

    override func tearDown() async throws {
        await api.stop()
        try? FileManager.default.removeItem(atPath: keyPath)
    }

    private func client(now: @escaping @Sendable () -> Date = { Date() }, waitSeconds: Double = 10) throws -> SnowflakeClient {
        let jwt = try KeyPairJWT(account: "myorg.myaccount", user: "eltop_monitor", privateKeyPath: keyPath)
        var options = SnowflakeClient.Options()
        options.waitSeconds = waitSeconds
        options.firstPauseSeconds = 0.05
        return SnowflakeClient(baseURL: api.baseURL, credential: .keyPair(jwt), options: options, now: now)
    }

    func testSynchronousResultIsDecodedByRowType() async throws {
        api.script("SHOW TABLES IN SCHEMA ANALYTICS.RAW", .result(.showTables([("RAW", "ORDERS", 1200, 4096), ("RAW", "CUSTOMERS", 17, 512)])))
        let result = try await client().execute("SHOW TABLES IN SCHEMA ANALYTICS.RAW")
        let records = result.records
        XCTAssertEqual(records.map { $0.string("NAME") }, ["ORDERS", "CUSTOMERS"])
        XCTAssertEqual(records.map { $0.int64("rows") }, [1200, 17])
        XCTAssertEqual(records[0].date("created_on")?.timeIntervalSince1970 ?? 0, 1_732_500_000.123, accuracy: 0.001)
        XCTAssertNil(records[0].date("name"), "a text column is not a timestamp")
        XCTAssertEqual(api.requests.first?.tokenType, "KEYPAIR_JWT")
    }

    func testAsynchronous202IsPolledUntilTheResult() async throws {
        api.script("SELECT 1", .running(polls: 3, then: .numbers(2)))
        let result = try await client().execute("SELECT 1")
        XCTAssertEqual(result.rows, [["0"], ["1"]])
        let gets = api.requests.filter { $0.method == "GET" }
        XCTAssertEqual(gets.count, 3, "two more 202s, then the 200")
    }

    func testEveryPartitionIsFetched() async throws {
        api.script("SELECT N", .result(.numbers(7), partitions: 3))
        let result = try await client().execute("SELECT N")
        XCTAssertEqual(result.rows.compactMap { $0[0] }, (0..<7).map(String.init))
        XCTAssertEqual(api.requests.filter { $0.method == "GET" }.map(\.path).count, 2)
    }

    func testStatementStillRunningIsCancelledWhenEltopGivesUp() async throws {
        api.script("SELECT SLOW", .running(polls: 1000, then: .numbers(1)))
        do {
            _ = try await client(waitSeconds: 0.5).execute("SELECT SLOW")
            XCTFail("expected to give up")
        } catch let error as SnowflakeError {
            XCTAssertEqual(error, .gaveUpWaiting(seconds: 0.5))
        }
        XCTAssertEqual(api.cancels.count, 1)
    }

    func testExpiredTokenIsRefusedWith401() async throws {
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        do {
            _ = try await client(now: { twoHoursAgo }).execute("SELECT 1")
            XCTFail("expected 401")
        } catch let error as SnowflakeError {
            guard case .unauthorized(let code, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "390144")
            XCTAssertTrue(message.contains("expired"), message)
            XCTAssertTrue(error.description.contains("RSA_PUBLIC_KEY"), error.description)
        }
        XCTAssertEqual(api.requests.count, 2, "one fresh signature is tried before giving up")
    }

    func testAKeyTheUserDoesNotHaveIsRefused() async throws {
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        try other.pemRepresentation.write(toFile: keyPath, atomically: true, encoding: .utf8)
        do {
            _ = try await client().execute("SELECT 1")
            XCTFail("expected 401")
        } catch SnowflakeError.unauthorized(let code, let message) {
            XCTAssertEqual(code, "390144")
            XCTAssertTrue(message.contains("bad signature"), message)
        }
    }

    func testSQLErrorCarriesCodeStateAndMessage() async throws {
        api.script("SELECT * FROM NOPE", .sqlError(code: "002003", sqlState: "42S02", message: "SQL compilation error:\nObject 'NOPE' does not exist or not authorized."))
        do {
            _ = try await client().execute("SELECT * FROM NOPE")
            XCTFail("expected 422")
        } catch let error as SnowflakeError {
            XCTAssertEqual(error, .statementFailed(code: "002003", sqlState: "42S02", message: "SQL compilation error:\nObject 'NOPE' does not exist or not authorized."))
        }
    }

    func testRateLimitIsRetriedThenReported() async throws {
        api.script("SELECT 2", .rateLimited(times: 2, then: .numbers(1)))
        let result = try await client().execute("SELECT 2")
        XCTAssertEqual(result.rows, [["0"]])
        let posts = api.requests.filter { $0.method == "POST" }.map(\.path)
        XCTAssertEqual(posts.count, 3)

        api.script("SELECT 3", .rateLimited(times: 5, then: .numbers(1)))
        do {
            _ = try await client().execute("SELECT 3")
            XCTFail("expected 429")
        } catch let error as SnowflakeError {
            XCTAssertEqual(error, .rateLimited)
        }
    }

    func testTokensCarryTheirTypeHeader() async throws {
        api.acceptedTokens = ["pat-123": "PROGRAMMATIC_ACCESS_TOKEN", "oauth-456": "OAUTH"]
        api.script("SELECT 1", .result(.numbers(1)))
        for credential in [SnowflakeCredential.programmaticAccessToken("pat-123"), .oauth(token: "oauth-456")] {
            let result = try await SnowflakeClient(baseURL: api.baseURL, credential: credential).execute("SELECT 1")
            XCTAssertEqual(result.rows, [["0"]])
        }
        XCTAssertEqual(api.requests.map(\.tokenType), ["PROGRAMMATIC_ACCESS_TOKEN", "OAUTH"])
        do {
            _ = try await SnowflakeClient(baseURL: api.baseURL, credential: .oauth(token: "pat-123")).execute("SELECT 1")
            XCTFail("a PAT sent as OAuth must be refused")
        } catch SnowflakeError.unauthorized {}
    }

    /// The poller's frequent statements name no virtual warehouse (so none resumes); a missing
    /// schema is reported as such; the freshness pass runs in the configured warehouse.
    func testWarehousePollCountsWithoutAWarehouseAndFreshnessWithOne() async throws {
        api.script("SHOW TABLES IN SCHEMA ANALYTICS.raw", .result(.showTables([("RAW", "ORDERS", 1200, 4096), ("RAW", "CUSTOMERS", 17, 512)])))
        api.script("SHOW TABLES IN SCHEMA ANALYTICS.staging", .sqlError(code: "002003", sqlState: "02000", message: "SQL compilation error:\nSchema 'ANALYTICS.STAGING' does not exist or not authorized."))
        api.script(
            "SELECT TABLE_SCHEMA, TABLE_NAME, LAST_ALTERED FROM ANALYTICS.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA IN ('RAW')",
            .result(SQLAPIFixture(
                rowType: #"[{"name":"TABLE_SCHEMA","type":"text","nullable":false},{"name":"TABLE_NAME","type":"text","nullable":false},{"name":"LAST_ALTERED","type":"timestamp_ltz","scale":9,"nullable":false}]"#,
                rows: [["RAW", "ORDERS", "1732499000.000000000"], ["RAW", "CUSTOMERS", "1732400000.000000000"]])))
        api.script(
            "SHOW COLUMNS LIKE '_AIRBYTE_EXTRACTED_AT' IN SCHEMA ANALYTICS.RAW",
            .result(SQLAPIFixture(rowType: #"[{"name":"table_name","type":"text","nullable":true},{"name":"column_name","type":"text","nullable":true}]"#, rows: [["ORDERS", "_AIRBYTE_EXTRACTED_AT"]])))
        api.script(
            #"SELECT 'raw.orders' AS TABLE_KEY, MAX(_AIRBYTE_EXTRACTED_AT) AS EXTRACTED_AT FROM ANALYTICS.RAW."ORDERS""#,
            .result(SQLAPIFixture(
                rowType: #"[{"name":"TABLE_KEY","type":"text","nullable":false},{"name":"EXTRACTED_AT","type":"timestamp_tz","scale":3,"nullable":true}]"#,
                rows: [["raw.orders", "1732498800.000 1440"]])))
        let warehouse = SnowflakeWarehouse(client: try client(), database: "ANALYTICS", virtualWarehouse: "MONITOR_WH", role: nil)
        let poller = WarehousePoller(warehouse: warehouse, layout: WarehouseLayout(), freshnessIntervalSeconds: 600)
        guard case .warehouse(let reading) = try await poller.poll() else { return XCTFail() }
        XCTAssertEqual(reading.missingSchemas, ["staging"])
        XCTAssertEqual(reading.tables.map(\.name), ["ORDERS", "CUSTOMERS"])
        XCTAssertEqual(reading.tables.map(\.rows), [1200, 17])
        XCTAssertEqual(reading.tables[0].extractedAt, Date(timeIntervalSince1970: 1_732_498_800))
        XCTAssertEqual(reading.tables[0].lastAltered, Date(timeIntervalSince1970: 1_732_499_000))
        XCTAssertNil(reading.tables[1].extractedAt, "CUSTOMERS has no _AIRBYTE_EXTRACTED_AT")
        XCTAssertNil(reading.freshnessProblem)
        for request in api.requests where request.statement?.hasPrefix("SHOW") == true {
            XCTAssertNil(request.warehouse, "\(request.statement!) must not resume a warehouse")
        }
        XCTAssertEqual(api.requests.filter { $0.warehouse == "MONITOR_WH" }.count, 2)

        // The next poll within the freshness interval sends only the metadata statements.
        let before = api.requests.count
        _ = try await poller.poll()
        XCTAssertEqual(api.requests.dropFirst(before).compactMap(\.statement).filter { !$0.hasPrefix("SHOW TABLES") }, [])
    }

    func testEncryptedKeyIsAClearError() throws {
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"
        try encrypted.write(toFile: keyPath, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try KeyPairJWT(account: "a", user: "u", privateKeyPath: keyPath)) { error in
            XCTAssertTrue("\(error)".contains("encrypted"), "\(error)")
            XCTAssertTrue("\(error)".contains("-nocrypt"), "\(error)")
        }
    }
}
