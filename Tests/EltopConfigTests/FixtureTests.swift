import EltopConfig
import Foundation
import XCTest

/// Every file in Fixtures/valid loads without errors; every file in Fixtures/invalid fails with the
/// error its `# expect-*` header describes, at the line it names.
final class FixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func files(in folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.fixtures.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }

    func testValidFixturesLoadWithoutErrors() throws {
        let valid = try files(in: "valid")
        XCTAssertGreaterThanOrEqual(valid.count, 5)
        for file in valid {
            let result = try ConfigSandbox().evaluate(explicitPath: file.path)
            XCTAssertFalse(result.hasErrors, "\(file.lastPathComponent):\n\(describe(result))")
            XCTAssertEqual(result.file?.path, file.path)
        }
    }

    func testInvalidFixturesFailWhereTheirHeaderSays() throws {
        let invalid = try files(in: "invalid")
        XCTAssertGreaterThanOrEqual(invalid.count, 20)
        for file in invalid {
            let name = file.lastPathComponent
            let expected = try Expectation(file)
            let result = try ConfigSandbox().evaluate(explicitPath: file.path)
            guard let error = result.errors.first else {
                XCTFail("\(name): expected an error, got none (\(describe(result)))")
                continue
            }
            XCTAssertEqual(result.errors.count, 1, "\(name): one mistake should give one error:\n\(describe(result))")
            XCTAssertEqual(line(of: error.location), expected.line, "\(name): \(error)")
            XCTAssertEqual(error.keyPath, expected.key, "\(name): \(error)")
            XCTAssertTrue(error.message.contains(expected.message), "\(name): \(error.message)")
            if let hint = expected.hint {
                XCTAssertTrue(error.hint?.contains(hint) == true, "\(name): hint \(error.hint ?? "nil")")
            }
            if case .file(let path, _, let column) = error.location {
                XCTAssertEqual(path, file.path, name)
                XCTAssertNotNil(column, "\(name): YAML problems carry a column")
            } else {
                XCTFail("\(name): expected a file location, got \(error.location)")
            }
        }
    }

    /// The `# expect-line/key/message/hint:` header of an invalid fixture; `-` means none.
    private struct Expectation {
        var line: Int?
        var key: String?
        var message = ""
        var hint: String?

        init(_ file: URL) throws {
            let text = try String(contentsOf: file, encoding: .utf8)
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") where line.hasPrefix("# expect-") {
                let parts = line.dropFirst("# expect-".count).split(separator: ":", maxSplits: 1)
                fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            func value(_ name: String) -> String? { fields[name] == "-" ? nil : fields[name] }
            line = value("line").flatMap { Int($0) }
            key = value("key")
            message = value("message") ?? ""
            hint = value("hint")
            guard fields["line"] != nil, fields["message"] != nil else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.path])
            }
        }
    }

    func testFullFixtureValues() throws {
        let path = Self.fixtures.appendingPathComponent("valid/full.yaml").path
        let config = try ConfigSandbox().evaluate(explicitPath: path).config
        XCTAssertEqual(config.source.slots, ["airbyte_slot"])
        XCTAssertEqual(config.source.connection?.redacted, "postgresql://replicator:••••@db.internal:5432/dvdrental?sslmode=require")
        XCTAssertEqual(config.airbyte.connectionIDs.count, 2)
        XCTAssertEqual(config.airbyte.baseURL?.absoluteString, "http://airbyte.internal:8000")
        XCTAssertEqual(
            config.airbyte.auth, .basic(username: "airbyte", password: Secret("password", origin: "airbyte.password in full.yaml")))
        XCTAssertEqual(config.warehouse.effectiveKind, .snowflake)
        XCTAssertEqual(config.warehouse.snowflake.baseURL?.host, "myorg-myaccount.privatelink.snowflakecomputing.com")
        XCTAssertEqual(config.warehouse.snowflake.auth, .token(Secret("pat-token-value", origin: "warehouse.snowflake.token in full.yaml")))
        XCTAssertEqual(config.warehouse.pollIntervalSeconds, 60)
        XCTAssertTrue(config.warehouse.isConfigured)
        XCTAssertEqual(config.dbt.projectDir, Self.fixtures.appendingPathComponent("dbt/dvd_rental").path)
        XCTAssertEqual(config.dbt.artifactsDir, "/var/lib/eltop/dbt-target")
        XCTAssertEqual(config.dbt.command, "dbt build --target prod")
        XCTAssertTrue(config.dbt.profilesDir?.hasSuffix("/home/.dbt") == true, "~ expands to the sandbox's HOME")
        XCTAssertEqual(config.ui.theme, "high-contrast")
        XCTAssertTrue(config.ui.readOnly)
    }

    func testPostgresFixtureSplitsCommaSlotsAndKeepsDefaults() throws {
        let path = Self.fixtures.appendingPathComponent("valid/postgres-warehouse.yaml").path
        let config = try ConfigSandbox().evaluate(explicitPath: path).config
        XCTAssertEqual(config.source.slots, ["airbyte_slot", "spare_slot"])
        XCTAssertEqual(config.warehouse.rawSchema, "airbyte_raw")
        XCTAssertEqual(config.warehouse.stagingSchema, "staging")
        XCTAssertEqual(config.warehouse.pollIntervalSeconds, 15)
        XCTAssertTrue(config.warehouse.isConfigured)
        XCTAssertEqual(config.airbyte.pollIntervalSeconds, 10)
    }
}
