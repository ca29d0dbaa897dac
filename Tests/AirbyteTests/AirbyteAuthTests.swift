import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import XCTest

/// Every auth mode against the fake server over real libcurl, including token expiry and refresh.
final class AirbyteAuthTests: XCTestCase {
    private let secret = { (text: String) in Secret(text, origin: "test") }

    func testNoAuth() async throws {
        let h = try await AirbyteHarness()
        await h.fake.addConnection(name: "pg → snowflake")
        let reading = AirbyteHarness.reading(try await h.poller().poll())
        XCTAssertEqual(reading?.connections.map(\.name), ["pg → snowflake"])
        await h.stop()
    }

    func testBasicAuthAndARefusedPassword() async throws {
        let h = try await AirbyteHarness(auth: .basic(username: "airbyte", password: "password"))
        let id = await h.fake.addConnection(name: "pg")
        let reading = AirbyteHarness.reading(try await h.poller(.basic(username: "airbyte", password: secret("password")), ids: [id]).poll())
        XCTAssertEqual(reading?.connections.first?.id, id)
        do {
            _ = try await h.poller(.basic(username: "airbyte", password: secret("wrong")), ids: [id]).poll()
            XCTFail("a wrong password must fail")
        } catch {
            XCTAssertTrue(ErrorText.describe(error).contains("HTTP 401, credentials refused: check the Airbyte credentials"), ErrorText.describe(error))
            XCTAssertFalse(ErrorText.describe(error).contains("wrong"))
        }
        await h.stop()
    }

    func testStaticBearerToken() async throws {
        let h = try await AirbyteHarness(auth: .bearer("cloud-token"), hasConfigAPI: false)
        await h.fake.addConnection(name: "cloud conn")
        let reading = AirbyteHarness.reading(try await h.poller(.bearer(secret("cloud-token"))).poll())
        XCTAssertEqual(reading?.connections.count, 1)
        XCTAssertEqual(reading?.hasConfigAPI, false)
        await h.stop()
    }

    func testClientCredentialsTokenIsReusedThenRefreshedAfter401() async throws {
        let h = try await AirbyteHarness(auth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 900))
        await h.fake.addConnection(name: "pg")
        let poller = h.poller(.clientCredentials(clientID: "cid", clientSecret: secret("cs")))
        _ = try await poller.poll()
        _ = try await poller.poll()
        let first = await h.fake.tokensIssued
        XCTAssertEqual(first, 1, "one token serves both polls")
        await h.fake.expireTokens()
        _ = try await poller.poll()
        let second = await h.fake.tokensIssued
        XCTAssertEqual(second, 2, "a 401 fetches a new token and the request succeeds")
        let refused = await h.fake.exchanges.filter { $0.status == 401 }.count
        XCTAssertEqual(refused, 1, "exactly one request was refused before the refresh")
        await h.stop()
    }

    func testClientCredentialsRefreshedAtEightyPercentOfTheLifetime() async throws {
        let h = try await AirbyteHarness(auth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 100))
        await h.fake.addConnection(name: "pg")
        let poller = h.poller(.clientCredentials(clientID: "cid", clientSecret: secret("cs")))
        _ = try await poller.poll()
        h.advance(seconds: 70)
        _ = try await poller.poll()
        let before = await h.fake.tokensIssued
        XCTAssertEqual(before, 1, "70% of the lifetime: the token is kept")
        h.advance(seconds: 15)
        _ = try await poller.poll()
        let after = await h.fake.tokensIssued
        XCTAssertEqual(after, 2, "85%: a new token before the old one runs out")
        let refused = await h.fake.exchanges.filter { $0.status == 401 }.count
        XCTAssertEqual(refused, 0)
        await h.stop()
    }

    func testWrongClientSecretSaysWhatToCheck() async throws {
        let h = try await AirbyteHarness(auth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 900))
        await h.fake.addConnection(name: "pg")
        do {
            _ = try await h.poller(.clientCredentials(clientID: "cid", clientSecret: secret("nope"))).poll()
            XCTFail("expected a refusal")
        } catch {
            XCTAssertTrue(ErrorText.describe(error).contains("AIRBYTE_CLIENT_SECRET"), ErrorText.describe(error))
        }
        await h.stop()
    }
}

/// The config as eltop loads it (server as host:port, Basic auth) wires a poller and a performer that
/// reach the server.
final class AirbyteWiringTests: XCTestCase {
    func testFeedCatalogWiresThePollerAndThePerformerFromTheConfig() async throws {
        let h = try await AirbyteHarness(auth: .basic(username: "airbyte", password: "password"))
        let id = await h.fake.addConnection(name: "pg")
        var config = Config()
        config.airbyte.server = String(h.server.baseURL.dropFirst("http://".count))
        config.airbyte.connectionIDs = [id]
        config.airbyte.username = "airbyte"
        config.airbyte.password = Secret("password", origin: "test")
        let catalog = FeedCatalog(config: config, userAgent: "eltop/test")
        XCTAssertEqual(catalog.pollers.map(\.feed), [.airbyte])
        XCTAssertNotNil(catalog.airbyteJobs, "a configured Airbyte can start and cancel jobs")
        let reading = AirbyteHarness.reading(try await catalog.pollers[0].poll())
        XCTAssertEqual(reading?.connections.map(\.name), ["pg"])
        XCTAssertFalse(FeedCatalog(config: Config()).pollers.contains { $0.feed == .airbyte }, "no server, no poller")
        await h.stop()
    }
}
