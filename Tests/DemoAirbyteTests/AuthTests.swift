@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// The three auth modes: none, HTTP Basic, and client credentials with expiring bearer tokens.
final class AuthTests: XCTestCase {
    private func basic(_ user: String, _ password: String) -> (name: String, value: String) {
        (name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    func testWithoutAuthEveryRequestPasses() async throws {
        let h = try await DemoHarness.start(auth: .none)
        try await h.expectStatus(200, "GET", "/api/public/v1/connections")
        try await h.expectStatus(404, "POST", "/api/public/v1/applications/token", json: #"{"client_id":"a","client_secret":"b"}"#)
        await h.stop()
    }

    func testBasicAuthTakesTheRightPairOnlyAndLeavesHealthOpen() async throws {
        let h = try await DemoHarness.start(auth: .defaultBasic)
        try await h.expectStatus(200, "GET", "/api/public/v1/connections", headers: [basic("airbyte", "password")])
        for wrong in [[basic("airbyte", "wrong")], [basic("admin", "password")], [], [(name: "Authorization", value: "Bearer password")]] {
            let refused = try await h.send("GET", "/api/public/v1/jobs", headers: wrong)
            XCTAssertEqual(refused.status, 401)
            XCTAssertEqual(refused.header("www-authenticate"), #"Basic realm="Airbyte""#)
            XCTAssertFalse(refused.bodyText.contains("password"), "a refusal never echoes a credential")
        }
        try await h.expectStatus(401, "POST", "/api/v1/jobs/list", json: #"{"configTypes":["sync"]}"#)
        for open in ["/health", "/api/public/v1/health", "/api/v1/health", "/v1/health"] {
            try await h.expectStatus(200, "GET", open)
        }
        await h.stop()
    }

    func testClientCredentialsGiveExpiringBearerTokens() async throws {
        let h = try await DemoHarness.start(auth: .clientCredentials(clientID: "eltop", clientSecret: "s3cret", tokenLifetime: .seconds(900)))
        let form = try await h.http.send(.init(
            method: "POST", url: h.base + "/api/public/v1/applications/token",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
            body: Data("grant_type=client_credentials&client_id=eltop&client_secret=s3cret".utf8)))
        XCTAssertEqual(form.status, 200, form.bodyText)
        let issued = try h.object(form)
        XCTAssertEqual(issued["token_type"] as? String, "Bearer")
        XCTAssertEqual(issued["expires_in"] as? Int, 900)
        let token = try XCTUnwrap(issued["access_token"] as? String)
        let bearer = [(name: "Authorization", value: "Bearer " + token)]
        try await h.expectStatus(200, "GET", "/api/public/v1/jobs", headers: bearer)
        try await h.expectStatus(200, "POST", "/api/v1/connections/get", json: #"{"connectionId":"\#(h.connectionID)"}"#, headers: bearer)

        let json = try await h.send("POST", "/api/v1/applications/token", json: #"{"client_id":"eltop","client_secret":"s3cret"}"#)
        XCTAssertNotNil(try h.object(json)["access_token"] as? String, "the config API's token endpoint answers {access_token}")

        let wrong = try await h.send("POST", "/api/public/v1/applications/token", json: #"{"client_id":"eltop","client_secret":"nope","grant_type":"client_credentials"}"#)
        XCTAssertEqual(wrong.status, 401)
        try await h.expectStatus(401, "GET", "/api/public/v1/jobs", headers: [(name: "Authorization", value: "Bearer made-up")])
        try await h.expectStatus(401, "GET", "/api/public/v1/jobs", headers: [basic("eltop", "s3cret")])

        h.advance(seconds: 901)
        let expired = try await h.send("GET", "/api/public/v1/jobs", headers: bearer)
        XCTAssertEqual(expired.status, 401, "a token is refused after its lifetime")
        XCTAssertEqual(expired.header("www-authenticate"), #"Bearer realm="Airbyte""#)
        await h.stop()
    }

    func testSecretsCompareWholly() {
        XCTAssertTrue(constantTimeEquals("password", "password"))
        XCTAssertFalse(constantTimeEquals("password", "passwort"))
        XCTAssertFalse(constantTimeEquals("password", "password1"))
        XCTAssertFalse(constantTimeEquals("", "x"))
    }
}
