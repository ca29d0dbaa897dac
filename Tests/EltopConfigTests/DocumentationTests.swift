import Foundation
import XCTest

@testable import EltopConfig

/// docs/configuration.md is the interface people read: every YAML key the loader knows and every
/// environment variable it reads must appear in it.
final class DocumentationTests: XCTestCase {
    private static let repository = ConfigCheckTests.repository

    private func documentation() throws -> String {
        try String(contentsOf: Self.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
    }

    func testEveryYAMLKeyIsDocumented() throws {
        let docs = try documentation()
        let context = LoadContext(environment: ConfigEnvironment(variables: [:], currentDirectory: "/"))
        let root = YAMLSection(document: nil, file: "/eltop.yaml", context: context)
        var config = Config()
        config.read(root)
        let keys = root.knownKeyPaths
        XCTAssertGreaterThan(keys.count, 40)
        let missing = keys.filter { !docs.contains("`\($0)`") }
        XCTAssertEqual(missing, [], "document these keys in docs/configuration.md")
    }

    /// Reads the variable names out of the loader's source, so a variable added in code without a
    /// line in the docs fails here. Secrets read with `.secret(` / `.connectionString(` also have a
    /// `_FILE` form.
    func testEveryEnvironmentVariableIsDocumented() throws {
        let docs = try documentation()
        let sources = Self.repository.appendingPathComponent("Sources/EltopConfig")
        var names: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: sources.path) where file.hasSuffix(".swift") {
            let code = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            names.formUnion(matches(#""((?:ELTOP|AIRBYTE|SNOWFLAKE|PG)[A-Z_]*)""#, in: code))
            names.formUnion(matches(#"(?:secret|connectionString)\("([A-Z_]+)""#, in: code).map { $0 + "_FILE" })
        }
        XCTAssertTrue(
            names.isSuperset(of: ["ELTOP_SOURCE_URL", "AIRBYTE_PASSWORD_FILE", "SNOWFLAKE_USERNAME", "PGSERVICE", "ELTOP_CONFIG"]),
            "\(names)")
        let missing = names.sorted().filter { !docs.contains("`\($0)`") }
        XCTAssertEqual(missing, [], "document these variables in docs/configuration.md")
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
