import EltopCore
import EltopJSON
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

    /// The layer is the fqn's folder, else the schema (written before fqn in dbt's order, after it
    /// here too), except a test's; the project falls back to the first model's package.
    func testLayerFromFolderOrSchemaAndTheProjectFromTheFirstModel() throws {
        let data = Data(#"""
            {"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v12.json"},"nodes":{
            "test.p.t":{"schema":"dbt_test__audit_long_name","name":"t","resource_type":"test","package_name":"other_package"},
            "model.p.a":{"schema":"analytics_staging_\u0073chema","name":"a","resource_type":"model","package_name":"the_project_package"},
            "model.p.b":{"name":"b","resource_type":"model","fqn":["p","marts","b"],"schema":"ignored","package_name":"second"},
            "seed.p.c":{"name":"c","resource_type":"seed","fqn":["p","c"],"schema":null}}}
            """#.utf8)
        let manifest = try DbtManifest.decode(data)
        XCTAssertEqual(manifest.entries().map(\.layer), [nil, "analytics_staging_schema", "marts", nil])
        XCTAssertEqual(manifest.projectName, "the_project_package")
    }

    /// Every `depends_on` id that names a node is that node's own `uniqueId` string, one buffer for
    /// all of them: the ids of 5,000 models were 1.5 MB of copies before.
    func testDependsOnSharesTheNodesIdStrings() throws {
        let data = SyntheticDbtManifest.json(.scaled(models: 40))
        try assertSharedIds(entries(data, splitFrom: nil))
        try assertSharedIds(entries(data, splitFrom: data.count / 2), "read on two threads")
    }

    private func assertSharedIds(_ nodes: [DbtNode], _ message: String = "") {
        let byId = Dictionary(nodes.map { ($0.uniqueId, $0) }, uniquingKeysWith: { first, _ in first })
        var shared = 0
        for node in nodes {
            for parent in node.dependsOn ?? [] {
                guard var own = byId[parent]?.uniqueId, own.utf8.count > 15 else { continue }
                var named = parent
                XCTAssertEqual(named.withUTF8 { $0.baseAddress }, own.withUTF8 { $0.baseAddress }, "\(node.uniqueId) → \(parent) \(message)")
                shared += 1
            }
        }
        XCTAssertGreaterThan(shared, 40, "the synthetic project's tests and models depend on its models \(message)")
    }

    private func entries(_ data: Data, splitFrom: Int?) throws -> [DbtNode] {
        try data.withUnsafeBytes { raw in
            try DbtManifestScan.read(raw.bindMemory(to: UInt8.self), splitFrom: splitFrom).entries()
        }
    }

    /// Read on two threads from any starting guess, the nodes are the one thread's, in the same order
    /// and with the same shared ids: a guess that is a node's key is used, one inside a node (a
    /// `meta` key spelled like a node's) or past `nodes` is dropped.
    func testTwoThreadsReadWhatOneReadsWhereverTheSecondStarts() throws {
        let decoy = #""meta":{"a":1,"model.big_project.decoy":{"owner":"x"}},"#
        var text = String(decoding: SyntheticDbtManifest.json(.scaled(models: 30)), as: UTF8.self)
        let at = try XCTUnwrap(text.range(of: #""config":"#, range: text.index(text.startIndex, offsetBy: text.utf8.count / 3)..<text.endIndex))
        text.insert(contentsOf: decoy, at: at.lowerBound)
        let data = Data(text.utf8)
        let one = try entries(data, splitFrom: nil)
        XCTAssertEqual(one.count, 30 + 82)
        let decoyOffset = text.utf8.distance(from: text.startIndex, to: at.lowerBound)
        let bytes = [UInt8](data)
        func guess(from: Int) -> Int? { bytes.withUnsafeBufferPointer { DbtManifestSplit.nodeKey(in: $0, from: from) } }
        func spells(_ prefix: String, at offset: Int) -> Bool { bytes[(offset + 1)...].starts(with: prefix.utf8) }
        var used = 0
        for from in Array(stride(from: 0, to: data.count, by: data.count / 40)) + [decoyOffset] {
            XCTAssertEqual(try entries(data, splitFrom: from), one, "split from \(from)")
            if let key = guess(from: from), !spells("model.big_project.decoy", at: key) { used += 1 }
        }
        XCTAssertGreaterThan(used, 10, "most guesses are node keys, so the second thread's half is used")
        XCTAssertEqual(guess(from: decoyOffset).map { spells("model.big_project.decoy", at: $0) }, true, "the decoy is a guess")
    }

    /// A broken second half is reported as one thread reports it, with the same offset.
    func testADamagedSecondHalfFailsAsOneThreadWould() throws {
        var bytes = [UInt8](SyntheticDbtManifest.json(.scaled(models: 30)))
        let middle = bytes.count * 3 / 4
        let quote = try XCTUnwrap(bytes[middle...].firstIndex(of: UInt8(ascii: ":")))
        bytes[quote] = UInt8(ascii: ";")
        let data = Data(bytes)
        var one = ""
        XCTAssertThrowsError(try entries(data, splitFrom: nil)) { one = "\($0)" }
        XCTAssertThrowsError(try entries(data, splitFrom: bytes.count / 2)) { XCTAssertEqual("\($0)", one) }
    }

    func testTheIdTableGivesOneStringPerSpellingThroughItsGrowth() throws {
        var table = DbtIdTable(expected: 1)
        let ids = (0..<500).map { "model.project.a_model_named_\($0)" } + ["", "é", "model.p.caf\u{e9}"]
        func key(_ text: String, _ body: (JSONKey) -> Void) throws {
            let json = Array("\"\(text)\"".utf8)
            try json.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                body(try scanner.readStringKey())
            }
        }
        var first: [String] = []
        for id in ids { try key(id) { first.append(table.string(for: $0)) } }
        XCTAssertEqual(first, ids)
        for (index, id) in ids.enumerated() {
            try key(id) { key in
                var again = table.string(for: key), kept = first[index]
                XCTAssertEqual(again, id)
                if id.utf8.count > 15 { XCTAssertEqual(again.withUTF8 { $0.baseAddress }, kept.withUTF8 { $0.baseAddress }, id) }
            }
        }
        try key(#"model.p.caf\u00e9"#) { XCTAssertEqual(table.string(for: $0), "model.p.café", "escaped and plain spellings are one id") }
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
