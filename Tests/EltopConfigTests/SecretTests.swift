import EltopConfig
import Foundation
import XCTest

/// Secrets never print, and come from inline values, env vars or `*_file` / `*_FILE` files.
final class SecretTests: XCTestCase {
    private let value = "hunter2-correct-horse"

    func testSecretNeverPrintsItsValue() throws {
        let secret = Secret(value, origin: "AIRBYTE_PASSWORD")
        var dumped = ""
        dump(secret, to: &dumped)
        let json = String(decoding: try JSONEncoder().encode(["password": secret]), as: UTF8.self)
        let renderings = [
            secret.description, "\(secret)", String(describing: secret), String(reflecting: secret),
            secret.debugDescription, dumped, json, "\(Optional(secret) as Any)", "\([secret])",
        ]
        for text in renderings {
            XCTAssertFalse(text.contains(value), "leaked in: \(text)")
            XCTAssertFalse(text.contains("hunter"), "leaked in: \(text)")
        }
        XCTAssertEqual(secret.description, "••••")
        XCTAssertEqual(json, #"{"password":"<redacted>"}"#)
        XCTAssertEqual(secret.revealed, value)
    }

    func testAuthNamesAndConfigDumpsDoNotLeak() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables.merge([
            "AIRBYTE_SERVER_NAME": "localhost", "AIRBYTE_USERNAME": "airbyte", "AIRBYTE_PASSWORD": value,
            "ELTOP_SOURCE_URL": "postgresql://app:\(value)@db/dvd",
        ]) { $1 }
        let config = sandbox.evaluate().config
        XCTAssertFalse(config.airbyte.auth.name.contains(value))
        var dumped = ""
        dump(config, to: &dumped)
        XCTAssertFalse(dumped.contains(value), dumped)
        XCTAssertFalse("\(config)".contains(value))
        XCTAssertFalse(String(reflecting: config).contains(value))
    }

    func testMisplacedConnectionStringIsMaskedInTheError() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("source: postgresql://app:\(value)@db/dvd\nwarehouse: host=wh password=\(value)\n")
        let result = sandbox.evaluate()
        XCTAssertEqual(result.errors.count, 2, describe(result))
        XCTAssertFalse(describe(result).contains(value), describe(result))
        XCTAssertTrue(describe(result).contains("found \"postgresql://app:••••@db/dvd\""), describe(result))
    }

    func testSecretFromYAMLFileKeyWithTrailingNewlineTrimmed() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write(value + "\n", to: "work/secrets/airbyte-password")
        try sandbox.write("tok\r\n\n", to: "/\(sandbox.root.path)/token")
        try sandbox.writeLocalConfig(
            """
            airbyte:
              server: localhost
              username: airbyte
              password_file: secrets/airbyte-password
            warehouse:
              snowflake:
                account: org-acct
                token_file: \(sandbox.root.path)/token
            """)
        let result = sandbox.evaluate()
        XCTAssertTrue(result.problems.isEmpty, describe(result))
        XCTAssertEqual(result.config.airbyte.password?.revealed, value)
        XCTAssertEqual(result.config.warehouse.snowflake.token?.revealed, "tok")
        XCTAssertEqual(result.config.airbyte.password?.origin, "airbyte.password_file \(sandbox.cwd)/secrets/airbyte-password")
        XCTAssertEqual(line(of: result.config.origins["airbyte.password"] ?? .none), 4)
    }

    func testSecretFromEnvFileVariable() throws {
        let sandbox = try ConfigSandbox()
        let path = try sandbox.write(value + "\n", to: "run/secrets/sf-token")
        sandbox.variables["SNOWFLAKE_TOKEN_FILE"] = path
        sandbox.variables["AIRBYTE_CLIENT_SECRET_FILE"] = path
        sandbox.variables["ELTOP_SOURCE_URL_FILE"] = path
        let result = sandbox.evaluate()
        XCTAssertEqual(result.config.warehouse.snowflake.token?.revealed, value)
        XCTAssertEqual(result.config.airbyte.clientSecret?.revealed, value)
        XCTAssertEqual(result.config.source.connection?.revealed, value)
        XCTAssertEqual(result.config.origins["warehouse.snowflake.token"], .environment("SNOWFLAKE_TOKEN_FILE"))
        XCTAssertEqual(result.config.warehouse.snowflake.token?.origin, "SNOWFLAKE_TOKEN_FILE \(path)")
    }

    func testEnvFileVariableBeatsYAMLSecret() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("airbyte:\n  username: a\n  password: from-yaml\n")
        sandbox.variables["AIRBYTE_PASSWORD_FILE"] = try sandbox.write("from-file", to: "pw")
        XCTAssertEqual(sandbox.evaluate().config.airbyte.password?.revealed, "from-file")
    }

    func testUnreadableSecretFileIsAClearError() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["AIRBYTE_PASSWORD_FILE"] = "missing/password"
        var result = sandbox.evaluate()
        XCTAssertEqual(result.errors.count, 1, describe(result))
        XCTAssertEqual(result.errors[0].location, .environment("AIRBYTE_PASSWORD_FILE"))
        XCTAssertEqual(result.errors[0].message, "secret file \(sandbox.cwd)/missing/password does not exist")
        XCTAssertNil(result.config.airbyte.password)

        sandbox.variables["AIRBYTE_PASSWORD_FILE"] = sandbox.root.path
        result = sandbox.evaluate()
        XCTAssertTrue(result.errors.first?.message.contains("cannot be read") == true, describe(result))

        sandbox.variables["AIRBYTE_PASSWORD_FILE"] = try sandbox.write("\n", to: "empty")
        result = sandbox.evaluate()
        XCTAssertTrue(result.errors.first?.message.contains("is empty") == true, describe(result))
    }

    func testValueAndFileVariableTogetherIsAnError() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["AIRBYTE_TOKEN"] = "a"
        sandbox.variables["AIRBYTE_TOKEN_FILE"] = try sandbox.write("b", to: "t")
        let result = sandbox.evaluate()
        XCTAssertEqual(result.errors.map(\.message), ["both AIRBYTE_TOKEN and AIRBYTE_TOKEN_FILE are set"])
        XCTAssertNil(result.config.airbyte.token, "neither value is picked silently")
    }
}

/// Passwords in libpq URIs and conninfo strings are masked for display.
final class ConnectionStringRedactionTests: XCTestCase {
    func testRedaction() {
        let cases: [(String, String)] = [
            ("postgresql://user:secret@host/db", "postgresql://user:••••@host/db"),
            ("postgres://user:secret@host:5432/db?sslmode=require", "postgres://user:••••@host:5432/db?sslmode=require"),
            ("postgresql://user:p@ss/w:rd@host/db", "postgresql://user:••••@host/db"),
            ("postgresql://user@host/db", "postgresql://user@host/db"),
            (
                "postgresql://host/db?user=u&password=secret&sslmode=verify-full",
                "postgresql://host/db?user=u&password=••••&sslmode=verify-full"
            ),
            ("postgresql:///db?host=/var/run/postgresql", "postgresql:///db?host=/var/run/postgresql"),
            ("host=db user=u password=secret dbname=app", "host=db user=u password=•••• dbname=app"),
            ("host=db password = 'se cr\\'et' dbname=app", "host=db password = •••• dbname=app"),
            ("password=secret", "password=••••"),
            ("host=db dbname=app", "host=db dbname=app"),
            ("https://admin:secret@airbyte.example.com:8000", "https://admin:••••@airbyte.example.com:8000"),
            ("ftp://u:secret@h", "ftp://u:••••@h"),
            ("host=db application_name=a://b password=x", "host=db application_name=a://b password=••••"),
            ("", ""),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(ConnectionStringRedaction.redact(input), expected, input)
        }
    }

    func testConnectionStringPrintsRedactedAndKnowsItHoldsAPassword() throws {
        let url = ConnectionString("postgresql://app:secret@db/dvd", origin: "test")
        XCTAssertEqual("\(url)", "postgresql://app:••••@db/dvd")
        XCTAssertFalse(String(reflecting: url).contains("secret"))
        XCTAssertEqual(String(decoding: try JSONEncoder().encode([url]), as: UTF8.self), #"["postgresql:\/\/app:••••@db\/dvd"]"#)
        XCTAssertTrue(url.containsPassword)
        XCTAssertFalse(ConnectionString("host=db", origin: "test").containsPassword)
        XCTAssertEqual(ConnectionString("", origin: "test").redacted, "(libpq environment: PG* variables)")
    }
}
