import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Every tracer outcome survives JSON and back, so a recording of a demo replays its probe trips.
/// Listed by an exhaustive switch: a new `TracerEvent` case stops this file compiling until it has a sample.
final class TracerEventCodingTests: XCTestCase {
    private let at = StateFixtures.now

    func testEveryTracerOutcomeRoundTrips() throws {
        let samples: [TracerEvent] = [
            .probeWritten(ProbeWrite(operation: .insert, probeID: 7, note: "eltop probe insert x", committedAt: at, lsn: "0/16B3748", query: "BEGIN; …", pruned: 2)),
            .probeWriteFailed(.delete, message: "permission denied for table eltop_probe", missingTable: false, at: at),
            .traced(TraceObservation(
                at: at, raw: [RawProbeRow(probeID: 7, note: nil, lsn: "23803720", deletedAt: at, syncID: 12, extractedAt: at)],
                rawQuery: "SELECT …", staging: [StagingProbeRow(probeID: 7, note: "n")], stagingQuery: "SELECT …")),
            .traceFailed(message: "the probe table eltop_probe was dropped from the source", missingTable: true, at: at),
        ]
        XCTAssertEqual(Set(samples.map(Kind.init)), Set(Kind.allCases), "a tracer outcome has no sample")
        for event in samples {
            let data = try JSONEncoder().encode(Event.tracer(event))
            XCTAssertEqual(try JSONDecoder().decode(Event.self, from: data), .tracer(event), String(decoding: data, as: UTF8.self))
        }
    }

    private enum Kind: CaseIterable {
        case probeWritten, probeWriteFailed, traced, traceFailed

        init(_ event: TracerEvent) {
            switch event {
            case .probeWritten: self = .probeWritten
            case .probeWriteFailed: self = .probeWriteFailed
            case .traced: self = .traced
            case .traceFailed: self = .traceFailed
            }
        }
    }
}
