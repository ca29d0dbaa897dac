@testable import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The frame's summary (slots assessed once for the status and the footer) against the questions it
/// stands for, and the verdicts that read each connection's finished jobs in place against filtering them.
final class StatusSummaryTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// States whose feeds are in every phase, with slot concerns, failed and empty syncs among them.
    private func states() -> [DashboardState] {
        var concerned = StateFixtures.ok(slots: 12, connections: 6, tables: 8, nodes: 10)
        concerned.source.thresholds.lagWarnBytes = 1_000_000
        concerned.source.thresholds.lagCritBytes = 1_020_000
        var noGrants = concerned
        noGrants.source.thresholds = SourceThresholds()
        var troubled = StateFixtures.busy()
        troubled.airbyte.reading?.connections = connections()
        troubled.verdictMemory.jobWrites = [1: JobWriteMarks(atStart: ValueMark(at: now, value: 50)), 2: JobWriteMarks(atStart: ValueMark(at: now, value: 10))]
        return [StateFixtures.unconfigured(), StateFixtures.loading(), StateFixtures.ok(), StateFixtures.stale(), StateFixtures.failing(),
                StateFixtures.busy(), concerned, noGrants, troubled]
    }

    /// Connections whose job lists start with running, failed, cancelled and succeeded jobs in turn.
    private func connections() -> [AirbyteConnection] {
        let failure = AirbyteFailure(attempt: 1, origin: "source", message: "password authentication failed", failureType: "config_error")
        func job(_ id: Int64, _ status: JobStatus, rows: Int64? = 10) -> AirbyteJob {
            AirbyteJob(id: id, status: status, jobType: "sync", startedAt: now.addingTimeInterval(-Double(id) * 600), durationSeconds: 60,
                       rowsSynced: rows, bytesSynced: 100, failures: status == .failed ? [failure] : [])
        }
        let lists: [[AirbyteJob]] = [
            [], [job(1, .succeeded, rows: 0), job(2, .succeeded)], [job(3, .running), job(1, .succeeded, rows: 0), job(2, .failed)],
            [job(4, .failed), job(5, .failed), job(6, .failed), job(7, .succeeded)], [job(8, .running), job(9, .failed), job(10, .cancelled), job(11, .failed)],
            [job(12, JobStatus(rawValue: "queued")), job(13, .incomplete), job(14, .failed)], [job(15, .cancelled), job(16, .failed)],
        ]
        return lists.enumerated().flatMap { index, jobs in
            ["active", "inactive", nil].map { status in
                var connection = AirbyteConnection(id: "c\(index)\(status ?? "-")", name: "connection \(index)", syncStatus: "synced", jobs: jobs)
                connection.status = status
                return connection
            }
        }
    }

    func testTheSummaryAnswersAsTheStateDoes() {
        for state in states() {
            let summary = StatusSummary(state)
            for feed in Feed.allCases { XCTAssertEqual(summary.status(feed), state.status(feed), "\(feed)") }
            for pane in PaneID.allCases { XCTAssertEqual(summary.worstConcern(pane), state.worstConcern(pane), "\(pane)") }
        }
    }

    func testTheSourcesSeverityIsTheWorstAssessment() {
        for state in states() {
            let walked = (state.source.reading?.slots ?? []).map { state.source.assessment(of: $0).severity }.max() ?? .ok
            XCTAssertEqual(state.source.severity, walked)
            XCTAssertEqual(state.source.assessments.count, state.source.reading?.slots.count ?? 0)
        }
    }

    func testTroubleAndEmptySuccessAreThoseOfTheFilteredJobs() {
        let state = states().last!
        for connection in connections() {
            let finished = connection.jobs.filter { !$0.status.isActive }
            let failed = Array(finished.prefix { $0.status == .failed })
            let trouble = ConnectionTrouble(
                connectionID: connection.id, connection: connection.name, status: connection.status, consecutiveFailures: failed.count,
                lastFailure: failed.first?.failures.last, repeated: failed.count >= state.verdictMemory.thresholds.failingAfterJobs)
            XCTAssertEqual(state.trouble(of: connection), trouble.severity == .ok ? nil : trouble, connection.id)
            let empty = state.emptySuccess(of: connection)
            if finished.count < 2 || finished[0].status != .succeeded { XCTAssertNil(empty, connection.id) }
            if let empty { XCTAssertEqual(empty.jobID, finished[0].id) }
        }
        XCTAssertNotNil(state.emptySuccess(of: connections()[3]), "the fixture has an empty success")
    }

    func testJobStatusesThatAreFinished() {
        XCTAssertEqual([JobStatus.failed, .succeeded, .cancelled].map(\.isActive), [false, false, false])
        XCTAssertEqual([JobStatus.pending, .running, .incomplete, .queued, JobStatus(rawValue: "Failed"), JobStatus(rawValue: "")].map(\.isActive),
                       [true, true, true, true, true, true])
    }
}
