import EltopCore
import EltopTestSupport
import XCTest

@testable import EltopPollers

/// The artifact parsers on checked-in artifacts of a real run, a synthetic 5,000-model manifest, and
/// artifacts that are broken or replaced while being read.
final class DbtArtifactTests: XCTestCase {
    private static let artifacts = DbtTestProject.fixtures.appendingPathComponent("artifacts")

    private func targetDir() throws -> (project: URL, target: URL) {
        let project = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-dbt-art-\(UUID().uuidString.prefix(8))")
        let target = project.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in ["manifest.json", "run_results.json"] {
            try FileManager.default.copyItem(at: Self.artifacts.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        addTeardownBlock { try? FileManager.default.removeItem(at: project) }
        return (project, target)
    }

    func testFixtureArtifactsMergeIntoNodesWithResults() throws {
        let (project, target) = try targetDir()
        let reading = try DbtArtifactReader(projectDir: project.path, targetDir: target.path).read()
        XCTAssertEqual(reading.project, "eltop_fixture")
        XCTAssertEqual(reading.nodes.count, 9)
        let broken = try XCTUnwrap(reading.nodes.first { $0.name == "broken_report" })
        XCTAssertEqual(broken.status, .error)
        XCTAssertEqual(broken.layer, "reports")
        XCTAssertEqual(broken.compiledPath, "target/compiled/eltop_fixture/models/reports/broken_report.sql")
        let seed = try XCTUnwrap(reading.nodes.first { $0.name == "raw_orders" })
        XCTAssertEqual(seed.rowsAffected, 3)
        XCTAssertEqual(seed.materialized, "seed")
        XCTAssertEqual(seed.layer, "eltop", "a seed outside a folder takes its schema")
        let test = try XCTUnwrap(reading.nodes.first { $0.name == "not_null_fct_orders_customer" })
        XCTAssertEqual(test.layer, "marts")
        XCTAssertEqual(test.status, .pass)
        XCTAssertEqual(test.failures, 0)
        XCTAssertNil(reading.nodes.first { $0.name == "big_orders_exist" }?.layer, "a singular test has no layer")
        let started = try XCTUnwrap(reading.lastRun?.startedAt)
        XCTAssertEqual(SnapshotTime.string(started), "2026-11-25T02:48:06Z")
        XCTAssertEqual(reading.lastRun?.elapsedSeconds ?? 0, 1.05, accuracy: 0.5)
    }

    func testOlderAndNewerSchemasAreTold() throws {
        let (project, target) = try targetDir()
        let manifest = target.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "manifest/v12.json", with: "manifest/v10.json").write(to: manifest, atomically: true, encoding: .utf8)
        XCTAssertEqual(try DbtArtifactReader(projectDir: project.path, targetDir: target.path).read().nodes.count, 9)
        try text.replacingOccurrences(of: "manifest/v12.json", with: "manifest/v9.json").write(to: manifest, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DbtArtifactReader(projectDir: project.path, targetDir: target.path).read()) { error in
            XCTAssertEqual("\(error)", "manifest.json has schema https://schemas.getdbt.com/dbt/manifest/v9.json; eltop reads v10–v12")
        }
    }

    func testNoRunResultsYetGivesNodesWithoutStatus() throws {
        let (project, target) = try targetDir()
        try FileManager.default.removeItem(at: target.appendingPathComponent("run_results.json"))
        let reading = try DbtArtifactReader(projectDir: project.path, targetDir: target.path).read()
        XCTAssertEqual(reading.nodes.count, 9)
        XCTAssertTrue(reading.nodes.allSatisfy { $0.status == nil })
        XCTAssertNil(reading.lastRun)
    }

    /// When only run_results changes, the reader takes the manifest's nodes back from its last reading
    /// (it keeps no second copy of them): results that are gone must be cleared and nodes only the old
    /// results named dropped, so every read equals a fresh reader's read of the same files.
    func testNewRunResultsOverAnUnchangedManifestEqualAFreshRead() throws {
        let (project, target) = try targetDir()
        let resultsURL = target.appendingPathComponent("run_results.json")
        let original = try Data(contentsOf: resultsURL)
        let reader = DbtArtifactReader(projectDir: project.path, targetDir: target.path)
        func read() throws -> DbtReading {
            let reading = try reader.read()
            XCTAssertEqual(reading, try DbtArtifactReader(projectDir: project.path, targetDir: target.path).read())
            return reading
        }
        let brokenId = "model.eltop_fixture.broken_report", ghostId = "model.eltop_fixture.ghost"
        let first = try read()
        XCTAssertEqual(first.nodes.first { $0.uniqueId == brokenId }?.status, .error)

        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: original) as? [String: Any])
        var results = try XCTUnwrap(document["results"] as? [[String: Any]])
        results.removeAll { $0["unique_id"] as? String == brokenId }
        var ghost = try XCTUnwrap(results.first)
        ghost["unique_id"] = ghostId
        results.append(ghost)
        document["results"] = results
        try JSONSerialization.data(withJSONObject: document).write(to: resultsURL)
        let second = try read()
        XCTAssertEqual(second.nodes.count, 10)
        let broken = try XCTUnwrap(second.nodes.first { $0.uniqueId == brokenId })
        XCTAssertNil(broken.status)
        XCTAssertNil(broken.message)
        XCTAssertNil(broken.startedAt)
        XCTAssertEqual(second.nodes.first { $0.uniqueId == ghostId }?.status, .success)

        try original.write(to: resultsURL)
        XCTAssertEqual(try read(), first, "the node only the last results named is gone again")

        try FileManager.default.removeItem(at: resultsURL)
        let none = try read()
        XCTAssertEqual(none.nodes.count, 9)
        XCTAssertTrue(none.nodes.allSatisfy { $0.status == nil && $0.executionTime == nil && $0.failures == nil })
    }

    func testAHalfWrittenManifestFailsThePollAndKeepsTheLastGoodData() async throws {
        let (project, target) = try targetDir()
        let poller = DbtArtifactPoller(projectDir: project.path, targetDir: target.path)
        var state = DbtStates.base()
        guard case .dbt(let good) = try await poller.poll() else { return XCTFail() }
        _ = reduce(&state, .pollSucceeded(.dbt(good), at: state.now))

        let manifest = target.appendingPathComponent("manifest.json")
        let full = try Data(contentsOf: manifest)
        try full.prefix(full.count / 2).write(to: manifest)
        do {
            _ = try await poller.poll()
            XCTFail("half a manifest was accepted")
        } catch {
            XCTAssertTrue("\(error)".hasPrefix("manifest.json is not a readable manifest (dbt may be writing it)"), "\(error)")
            _ = reduce(&state, .pollFailed(.dbt, message: "\(error)", at: state.now, nextAttemptAt: nil))
        }
        XCTAssertEqual(state.dbt.reading, good, "the last good data stays")
        XCTAssertEqual(state.status(.dbt), .error)

        try full.write(to: manifest)
        guard case .dbt(let again) = try await poller.poll() else { return XCTFail() }
        XCTAssertEqual(again, good)
    }

    /// dbt rewrites its artifacts in place while eltop polls: every poll either reads a whole file or
    /// fails with a message, and nothing crashes.
    func testArtifactsReplacedWhileBeingReadNeverCrash() async throws {
        let (project, target) = try targetDir()
        let manifest = target.appendingPathComponent("manifest.json").path
        let results = target.appendingPathComponent("run_results.json").path
        let full = try Data(contentsOf: URL(fileURLWithPath: manifest))
        let fullResults = try Data(contentsOf: URL(fileURLWithPath: results))
        let poller = DbtArtifactPoller(projectDir: project.path, targetDir: target.path)
        // In place, in chunks, as a writer that truncates then writes would leave them; now and then replaced whole.
        let writer = InPlaceRewriter(files: [(manifest, full), (results, fullResults)], replaceWholeEvery: 3)
        var successes = 0, failures = 0
        for _ in 0..<300 {
            do {
                guard case .dbt(let reading) = try await poller.poll() else { return XCTFail() }
                XCTAssertEqual(reading.nodes.count, 9)
                successes += 1
            } catch {
                XCTAssertTrue(error is DbtArtifactError, "\(error)")
                failures += 1
            }
        }
        writer.stop()
        try full.write(to: URL(fileURLWithPath: manifest))
        try fullResults.write(to: URL(fileURLWithPath: results))
        guard case .dbt(let settled) = try await poller.poll() else { return XCTFail() }
        XCTAssertEqual(settled.nodes.count, 9)
        XCTAssertEqual(settled.statusCounts[.error], 1)
        XCTAssertGreaterThan(successes + failures, 0)
        print("replaced-while-read: \(successes) whole reads, \(failures) refused")
    }

    func testTheLargeSyntheticManifestGivesEveryModelAndTestWithItsLayer() throws {
        let data = SyntheticDbtManifest.json(.large)
        XCTAssertGreaterThan(data.count, 90_000_000, "the size of the real 5,000-model project")
        let manifest = try DbtManifest.decode(data)
        let nodes = manifest.entries()
        XCTAssertEqual(nodes.count, 18_833)
        XCTAssertEqual(nodes.filter { $0.resourceType == "model" }.count, 5000)
        XCTAssertEqual(nodes.filter { $0.resourceType == "test" }.count, 13_833)
        XCTAssertEqual(Set(nodes.compactMap(\.layer)), Set(SyntheticDbtManifest.layers))
        let model = try XCTUnwrap(nodes.first { $0.uniqueId == "model.big_project.marts_model_2" })
        XCTAssertEqual(model.name, "marts_model_2")
        XCTAssertEqual(model.materialized, "table")
        XCTAssertEqual(model.compiledPath, "target/compiled/big_project/models/marts/marts_model_2.sql")
        let view = try XCTUnwrap(nodes.first { $0.uniqueId == "model.big_project.reports_model_4999" })
        XCTAssertEqual(view.materialized, "table")
        XCTAssertEqual(nodes.first { $0.uniqueId == "model.big_project.staging_model_3000" }?.materialized, "view")
        XCTAssertEqual(manifest.projectName, "big_project")
    }

    /// The merge's sort moves nodes along the permutation's cycles; it must give what copying in
    /// that order gives, for fixed points, one long cycle, many short ones and any shuffle.
    /// An id the manifest lists twice keeps its first node; the rest are merged as they are.
    func testADuplicatedIdKeepsItsFirstNode() {
        func node(_ id: String, _ name: String) -> DbtNode {
            DbtNode(uniqueId: id, name: name, resourceType: "model", layer: nil, materialized: nil, status: nil, executionTime: nil, rowsAffected: nil, message: nil)
        }
        let nodes = [node("model.p.b", "b"), node("model.p.a", "first a"), node("model.p.c", "c"), node("model.p.a", "second a"), node("model.p.b", "second b")]
        let merged = DbtArtifactReader.merge(project: "p", nodes: nodes, results: nil).reading.nodes
        XCTAssertEqual(merged.map(\.name), ["b", "c", "first a"], "sorted by name, each id once, its first node")
        XCTAssertEqual(DbtArtifactReader.merge(project: "p", nodes: Array(nodes.prefix(3)), results: nil).reading.nodes.map(\.name), ["b", "c", "first a"])
    }

    func testArrangingNodesInAnOrderEqualsCopyingThemInThatOrder() {
        let nodes = (0..<200).map { i in
            DbtNode(
                uniqueId: "model.p.m\(i)", name: "m\(i)", resourceType: "model", layer: nil, materialized: nil, status: nil,
                executionTime: nil, rowsAffected: nil, message: nil)
        }
        let identity = Array(nodes.indices)
        var shuffled = identity
        shuffled.shuffle()
        let orders = [identity, identity.reversed(), Array(identity.dropFirst()) + [0], identity.map { $0 ^ 1 }, shuffled, []]
        for order in orders {
            let input = order.isEmpty ? [] : nodes
            var arranged = input
            DbtArtifactReader.arrange(&arranged, in: order)
            XCTAssertEqual(arranged.map(\.uniqueId), order.map { input[$0].uniqueId }, "order \(order.prefix(8))…")
        }
    }

    func testLogFixtureLinesParseIntoRecords() throws {
        let lines = try String(contentsOf: Self.artifacts.appendingPathComponent("build-failing.log.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let at = DbtStates.now
        let records = lines.map { DbtLogParser.parse($0, at: at) }
        XCTAssertFalse(records.contains { $0.name == "text" })
        let finished = try XCTUnwrap(records.first { $0.name == "NodeFinished" && $0.uniqueId == "seed.eltop_fixture.raw_orders" })
        XCTAssertEqual(finished.rowsAffected, 3, "rows_affected arrives as 3.0 in the log")
        XCTAssertEqual(finished.nodeStatus, "success")
        let fail = try XCTUnwrap(records.first { $0.name == "LogTestResult" && $0.nodeStatus == "fail" })
        XCTAssertEqual(fail.failures, 2)
        XCTAssertEqual(fail.level, "error")
        XCTAssertEqual(records.first { $0.name == "ConcurrencyLine" }?.total, 8)

        var state = DbtStates.base()
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: at)))
        for record in records { _ = reduce(&state, .dbt(.logged(record))) }
        let invocation = try XCTUnwrap(state.dbt.invocation)
        XCTAssertEqual(invocation.finishedCount, 8)
        XCTAssertEqual(invocation.nodes["model.eltop_fixture.broken_child"]?.status, .skipped)
        XCTAssertTrue(invocation.nodes["model.eltop_fixture.broken_report"]?.message?.hasPrefix("Database Error in model broken_report") ?? false)
    }

    func testLinesThatAreNotJSONBecomeErrorText() {
        let record = DbtLogParser.parse("Traceback (most recent call last):", at: DbtStates.now)
        XCTAssertEqual(record.name, "text")
        XCTAssertEqual(record.level, "error")
        XCTAssertEqual(record.message, "Traceback (most recent call last):")
        let odd = DbtLogParser.parse(#"{"info":{"name":"LogStartLine","level":"info","msg":"x"},"data":{"index":"one","node_info":{"unique_id":"model.p.a"}}}"#, at: DbtStates.now)
        XCTAssertEqual(odd.uniqueId, "model.p.a")
        XCTAssertNil(odd.index, "a field of the wrong type is skipped, not fatal")
    }

    /// Not a test of speed (benchmarks measure, tests do not assert time): prints the load time of a
    /// 5,000-model manifest through the poller when ELTOP_MEASURE=1.
    func testMeasureManifestLoad() async throws {
        guard ProcessInfo.processInfo.environment["ELTOP_MEASURE"] == "1" else { throw XCTSkip("set ELTOP_MEASURE=1") }
        let (project, target) = try targetDir()
        let data = SyntheticDbtManifest.json(.large)
        try data.write(to: target.appendingPathComponent("manifest.json"))
        let poller = DbtArtifactPoller(projectDir: project.path, targetDir: target.path)
        let start = Date()
        guard case .dbt(let reading) = try await poller.poll() else { return XCTFail() }
        print("manifest \(data.count / 1_000_000) MB, \(reading.nodes.count) nodes: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}

