import EltopConfig
import XCTest

/// A file holding secrets that its group or others can read earns a warning (not an error: the
/// dashboard still starts, and `eltop config check` says what to run).
final class PermissionTests: XCTestCase {
    private let withSecret = "airbyte:\n  server: localhost\n  username: a\n  password: p\n"

    private func permissionWarnings(_ result: ConfigLoadResult) -> [ConfigProblem] {
        result.warnings.filter { $0.message.contains("readable by its group or others") }
    }

    func testGroupReadableConfigWithInlineSecretWarns() throws {
        let sandbox = try ConfigSandbox()
        let path = try sandbox.writeLocalConfig(withSecret, mode: 0o640)
        let result = sandbox.evaluate()
        XCTAssertFalse(result.hasErrors)
        let warnings = permissionWarnings(result)
        XCTAssertEqual(warnings.count, 1, describe(result))
        XCTAssertEqual(warnings.first?.hint, "chmod 600 \(path)")
        XCTAssertEqual(warnings.first?.location, .file(path: path, line: nil, column: nil))
        XCTAssertTrue(warnings.first?.message.contains("mode 640") == true)
    }

    func testWorldReadableURLWithPasswordWarns() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("source:\n  url: postgresql://app:pw@db/dvd\n", mode: 0o644)
        XCTAssertEqual(permissionWarnings(sandbox.evaluate()).count, 1)
    }

    func testPrivateConfigWithSecretDoesNotWarn() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig(withSecret, mode: 0o600)
        XCTAssertTrue(sandbox.evaluate().problems.isEmpty)
    }

    func testReadableConfigWithoutSecretsDoesNotWarn() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("source:\n  url: postgresql://app@db/dvd\nairbyte:\n  password_file: pw\n  username: a\n", mode: 0o644)
        try sandbox.write("p", to: "work/pw", mode: 0o600)
        let result = sandbox.evaluate()
        XCTAssertTrue(result.problems.isEmpty, describe(result))
    }

    func testReadableSecretFileWarnsAtTheKeyThatNamesIt() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("airbyte:\n  username: a\n  password_file: pw\n", mode: 0o644)
        try sandbox.write("p", to: "work/pw", mode: 0o604)
        let warnings = permissionWarnings(sandbox.evaluate())
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first.flatMap { line(of: $0.location) }, 3)
        XCTAssertEqual(warnings.first?.keyPath, "airbyte.password_file")
    }

    func testReadablePrivateKeyWarns() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["SNOWFLAKE_ACCOUNT"] = "org-acct"
        sandbox.variables["SNOWFLAKE_USER"] = "u"
        sandbox.variables["SNOWFLAKE_PRIVATE_KEY_PATH"] = try sandbox.write("key", to: "key.p8", mode: 0o644)
        let warnings = permissionWarnings(sandbox.evaluate())
        XCTAssertEqual(warnings.map(\.location), [.environment("SNOWFLAKE_PRIVATE_KEY_PATH")])
        XCTAssertTrue(warnings.first?.message.contains("a private key") == true)
    }
}
