import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Every event survives JSON and back unchanged, so a recorder can write what the reducer saw and a
/// replayer can feed it back. The kinds are listed by exhaustive switches: a new case of `Event`,
/// `Reading`, `AirbyteEvent`, `DbtEvent` or `Action` stops this file compiling until it has a sample.
final class EventCodingTests: XCTestCase {
    private let at = StateFixtures.now

    func testEveryEventKindRoundTrips() throws {
        let samples = eventSamples()
        XCTAssertEqual(Set(samples.map(EventKind.init)), Set(EventKind.allCases), "an event kind has no sample")
        for event in samples { try assertRoundTrip(event) }
    }

    func testEveryReadingKindRoundTrips() throws {
        let readings = readingSamples()
        XCTAssertEqual(Set(readings.map(ReadingKind.init)), Set(ReadingKind.allCases), "a reading kind has no sample")
        for reading in readings { try assertRoundTrip(Event.pollSucceeded(reading, at: at)) }
    }

    func testEveryAirbyteAndDbtOutcomeRoundTrips() throws {
        let airbyte = airbyteSamples(), dbt = dbtSamples()
        XCTAssertEqual(Set(airbyte.map(AirbyteEventKind.init)), Set(AirbyteEventKind.allCases), "an Airbyte outcome has no sample")
        XCTAssertEqual(Set(dbt.map(DbtEventKind.init)), Set(DbtEventKind.allCases), "a dbt outcome has no sample")
        for event in airbyte.map(Event.airbyte) + dbt.map(Event.dbt) { try assertRoundTrip(event) }
    }

    func testEveryActionRoundTrips() throws {
        let actions = actionSamples()
        XCTAssertEqual(Set(actions.map(ActionKind.init)), Set(ActionKind.allCases), "an action kind has no sample")
        for action in actions { try assertRoundTrip(Event.actionRequested(action)) }
        let map = KeyMap.standard
        for binding in map.normal + map.help + map.filter + map.confirm { try assertRoundTrip(Event.keyRefused(binding)) }
    }

    func testACharacterOfMoreThanOneLetterIsRefused() throws {
        func json(_ text: String) -> Data { Data(#"{"actionRequested":{"_0":{"filterInput":{"_0":"\#(text)"}}}}"#.utf8) }
        XCTAssertEqual(try JSONDecoder().decode(Event.self, from: json("a")), .actionRequested(.filterInput("a")))
        XCTAssertThrowsError(try JSONDecoder().decode(Event.self, from: json("ab")))
        XCTAssertThrowsError(try JSONDecoder().decode(Event.self, from: json("")))
    }

    private func assertRoundTrip(_ event: Event, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try JSONEncoder().encode(event)
        let decoded = try JSONDecoder().decode(Event.self, from: data)
        XCTAssertEqual(decoded, event, "changed on the way through JSON: \(String(decoding: data, as: UTF8.self))", file: file, line: line)
    }

    // MARK: samples

    private func eventSamples() -> [Event] {
        [
            .clockTicked(at.addingTimeInterval(0.25)),
            .pollSucceeded(.source(StateFixtures.sourceReading(slots: 2, lagBase: 4_096)), at: at),
            .pollFailed(.warehouse, message: "no answer within 10s", at: at, nextAttemptAt: at.addingTimeInterval(20)),
            .pollFailed(.dbt, message: "manifest.json: not found", at: at, nextAttemptAt: nil),
            .actionRequested(.focus(.dbt)),
            .terminalResized(Size(cols: 120, rows: 40)),
            .detailMeasured(scrollLimit: 7),
            .keyRefused(KeyMap.standard.normal.first { $0.changesSomething }!),
            .airbyte(.jobCancelled(jobID: 901, at: at)),
            .dbt(.cancelSignalled(at: at)),
            .tracer(.traceFailed(message: "raw.eltop_probe does not exist", missingTable: true, at: at)),
            .pipeline(.start(PipelineRequest(steps: [.sync, .wait], connectionID: "c0ffee00", connectionName: "pg → wh", timeoutSeconds: 90, cancelOnTimeout: true), at: at)),
            .pipeline(.cancel(reason: "SIGTERM", at: at)),
            .recorderFailed(path: "/var/log/eltop/night.jsonl", message: "No space left on device", at: at),
        ]
    }

    private func readingSamples() -> [Reading] {
        var source = StateFixtures.sourceReading(slots: 3, lagBase: 65_536)
        source.currentLSN = "0/16B3748"
        source.publishedTableWrites = 12_345
        source.connectedDatabase = "dvdrental"
        var warehouse = StateFixtures.warehouseReading(tables: 4)
        warehouse.missingSchemas = ["stagin"]
        warehouse.freshnessCheckedAt = at
        warehouse.freshnessProblem = "permission denied for schema raw"
        return [
            .source(source),
            .airbyte(StateFixtures.airbyteReading(connections: 2)),
            .warehouse(warehouse),
            .dbt(StateFixtures.dbtReading(nodes: 5)),
        ]
    }

    private func airbyteSamples() -> [AirbyteEvent] {
        [
            .syncStarted(connectionID: "c0ffee00", jobID: 902, status: .running, at: at),
            .syncAlreadyRunning(connectionID: "c0ffee00", jobID: nil, at: at),
            .syncFailed(connectionID: "c0ffee00", message: "HTTP 500", at: at),
            .jobCancelled(jobID: 902, at: at),
            .cancelFailed(jobID: 902, message: "HTTP 404", at: at),
        ]
    }

    private func dbtSamples() -> [DbtEvent] {
        var record = DbtLogRecord(at: at, name: "LogModelResult", level: "info", message: "1 of 5 OK created sql table model marts.fct_revenue")
        record.uniqueId = "model.dvdrental.fct_revenue"
        record.nodeName = "fct_revenue"
        record.resourceType = "model"
        record.materialized = "table"
        record.nodeStatus = "success"
        record.index = 1
        record.total = 5
        record.executionTime = 0.375
        record.rowsAffected = 16_044
        record.failures = 0
        record.compiledPath = "target/compiled/dvdrental/models/marts/fct_revenue.sql"
        record.errorMessage = "none"
        return [
            .runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: at),
            .logged(record),
            .cancelSignalled(at: at),
            .runEnded(exitCode: 130, signalled: true, at: at),
            .runFailedToStart(.retry, message: "dbt: not found", at: at),
        ]
    }

    private func actionSamples() -> [Action] {
        [
            .quit, .toggleHelp, .focusNext, .focusPrevious, .focus(.warehouse), .openDetail, .back, .refreshNow,
            .beginFilter, .filterInput("é"), .filterDeleteBackward, .filterCommit, .scroll(.pageDown), .confirmYes,
            .probe(.update),
            .confirmNo, .startSync, .cancelJob, .cycleWarehouseSort, .runDbt, .retryDbt, .cancelDbt, .toggleDbtLog, .copy,
            .runPipeline,
        ]
    }
}

// MARK: kinds, by exhaustive switches

private enum EventKind: CaseIterable {
    case clockTicked, pollSucceeded, pollFailed, actionRequested, terminalResized, detailMeasured, keyRefused, airbyte, dbt, tracer, pipeline, recorderFailed

    init(_ event: Event) {
        switch event {
        case .clockTicked: self = .clockTicked
        case .pollSucceeded: self = .pollSucceeded
        case .pollFailed: self = .pollFailed
        case .actionRequested: self = .actionRequested
        case .terminalResized: self = .terminalResized
        case .detailMeasured: self = .detailMeasured
        case .keyRefused: self = .keyRefused
        case .airbyte: self = .airbyte
        case .dbt: self = .dbt
        case .tracer: self = .tracer
        case .pipeline: self = .pipeline
        case .recorderFailed: self = .recorderFailed
        }
    }
}

private enum ReadingKind: CaseIterable {
    case source, airbyte, warehouse, dbt

    init(_ reading: Reading) {
        switch reading {
        case .source: self = .source
        case .airbyte: self = .airbyte
        case .warehouse: self = .warehouse
        case .dbt: self = .dbt
        }
    }
}

private enum AirbyteEventKind: CaseIterable {
    case syncStarted, syncAlreadyRunning, syncFailed, jobCancelled, cancelFailed

    init(_ event: AirbyteEvent) {
        switch event {
        case .syncStarted: self = .syncStarted
        case .syncAlreadyRunning: self = .syncAlreadyRunning
        case .syncFailed: self = .syncFailed
        case .jobCancelled: self = .jobCancelled
        case .cancelFailed: self = .cancelFailed
        }
    }
}

private enum DbtEventKind: CaseIterable {
    case runStarted, logged, cancelSignalled, runEnded, runFailedToStart

    init(_ event: DbtEvent) {
        switch event {
        case .runStarted: self = .runStarted
        case .logged: self = .logged
        case .cancelSignalled: self = .cancelSignalled
        case .runEnded: self = .runEnded
        case .runFailedToStart: self = .runFailedToStart
        }
    }
}

private enum ActionKind: CaseIterable {
    case quit, toggleHelp, focusNext, focusPrevious, focus, openDetail, back, refreshNow, beginFilter, filterInput
    case filterDeleteBackward, filterCommit, scroll, confirmYes, confirmNo, startSync, cancelJob, cycleWarehouseSort
    case runDbt, retryDbt, cancelDbt, toggleDbtLog, probe, copy, runPipeline

    init(_ action: Action) {
        switch action {
        case .quit: self = .quit
        case .toggleHelp: self = .toggleHelp
        case .focusNext: self = .focusNext
        case .focusPrevious: self = .focusPrevious
        case .focus: self = .focus
        case .openDetail: self = .openDetail
        case .back: self = .back
        case .refreshNow: self = .refreshNow
        case .beginFilter: self = .beginFilter
        case .filterInput: self = .filterInput
        case .filterDeleteBackward: self = .filterDeleteBackward
        case .filterCommit: self = .filterCommit
        case .scroll: self = .scroll
        case .confirmYes: self = .confirmYes
        case .confirmNo: self = .confirmNo
        case .startSync: self = .startSync
        case .cancelJob: self = .cancelJob
        case .cycleWarehouseSort: self = .cycleWarehouseSort
        case .runDbt: self = .runDbt
        case .retryDbt: self = .retryDbt
        case .cancelDbt: self = .cancelDbt
        case .toggleDbtLog: self = .toggleDbtLog
        case .probe: self = .probe
        case .runPipeline: self = .runPipeline
        case .copy: self = .copy
        }
    }
}
