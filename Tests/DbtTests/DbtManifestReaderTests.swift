import EltopCore
import EltopTestSupport
import XCTest

@testable import EltopPollers

/// The manifest reader on what real manifests contain and on what a half-written one looks like:
/// every schema eltop reads, odd but valid JSON, and every kind of damage — an error, never a wrong node.
final class DbtManifestReaderTests: XCTestCase {
    private func manifest(_ nodes: String, version: Int = 12, tail: String = "") -> Data {
        Data(#"{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v\#(version).json","project_name":"p"},"nodes":{\#(nodes)}\#(tail)}"#.utf8)
    }

    func testSchemasV10ToV12AreReadAndOthersRefused() throws {
        for version in 10...12 {
            let data = SyntheticDbtManifest.json(.scaled(models: 8, schemaVersion: version))
            let manifest = try DbtManifest.decode(data)
            XCTAssertEqual(manifest.entries().count, 8 + 22, "v\(version)")
        }
        for version in [9, 13] {
            XCTAssertThrowsError(try DbtManifest.decode(SyntheticDbtManifest.json(.scaled(models: 8, schemaVersion: version)))) { error in
                XCTAssertEqual("\(error)", "manifest.json has schema https://schemas.getdbt.com/dbt/manifest/v\(version).json; eltop reads v10–v12")
            }
        }
    }

    func testEscapedUnicodeAndNestedValuesAroundTheFieldsRead() throws {
        let data = manifest(#"""
            "model.p.caf\u00e9":{"raw_code":"select '\"}' from x -- {[","config":{"meta":{"a":{"materialized":"nested"}},"materialized":"incremental","x":[1,2.5e3,-0,true,null]},
            "name":"caf\u00e9 \"quoted\" \\ 😀","resource_type":"model","fqn":["p","mart\u0073","caf\u00e9"],"schema":null,"compiled_path":null,
            "columns":{"a":{"name":"a","tags":[[],[{}]]}},"created_at":1790000000.123e0}
            """#)
        let node = try XCTUnwrap(DbtManifest.decode(data).entries().first)
        XCTAssertEqual(node.uniqueId, "model.p.café")
        XCTAssertEqual(node.name, #"café "quoted" \ 😀"#)
        XCTAssertEqual(node.materialized, "incremental", "the nested config.meta.a.materialized is not the node's")
        XCTAssertEqual(node.layer, "marts")
        XCTAssertNil(node.compiledPath)
    }

    func testOnlyModelsTestsSeedsAndSnapshotsBecomeNodes() throws {
        let data = manifest(#""seed.p.s":{"name":"s","resource_type":"seed"},"operation.p.o":{"name":"o","resource_type":"operation"},"analysis.p.a":{"name":"a","resource_type":"analysis"}"#,
            tail: #","sources":{"source.p.r.t":{"name":"t","resource_type":"source"}}"#)
        XCTAssertEqual(try DbtManifest.decode(data).entries().map(\.uniqueId), ["seed.p.s"])
    }

    func testANodeWithoutANameIsAnErrorNotAGuess() {
        XCTAssertThrowsError(try DbtManifest.decode(manifest(#""model.p.a":{"resource_type":"model"}"#))) { error in
            XCTAssertTrue("\(error)".contains("model.p.a has no name"), "\(error)")
        }
        XCTAssertThrowsError(try DbtManifest.decode(manifest(#""model.p.a":{"name":7,"resource_type":"model"}"#)))
        XCTAssertThrowsError(try DbtManifest.decode(Data(#"{"metadata":{}}"#.utf8)))
    }

    /// A manifest cut anywhere (dbt writes it in place) is refused with a message, whatever was cut.
    func testEveryTruncationOfASmallManifestIsRefused() throws {
        let data = SyntheticDbtManifest.json(.scaled(models: 2))
        XCTAssertNoThrow(try DbtManifest.decode(data))
        let step = max(1, data.count / 3_000)
        for cut in stride(from: 0, to: data.count, by: step) {
            XCTAssertThrowsError(try DbtManifest.decode(data.prefix(cut)), "cut at \(cut) of \(data.count)") { error in
                XCTAssertTrue(error is DbtArtifactError, "\(error)")
            }
        }
    }

    func testTruncatedLargeManifestSaysWhere() throws {
        let data = SyntheticDbtManifest.json(.scaled(models: 200))
        XCTAssertThrowsError(try DbtManifest.decode(data.prefix(data.count / 2))) { error in
            XCTAssertTrue("\(error)".hasPrefix("manifest.json is not a readable manifest (dbt may be writing it): the document ends early"), "\(error)")
        }
    }
}
