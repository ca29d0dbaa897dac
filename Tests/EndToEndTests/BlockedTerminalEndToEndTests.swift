import EltopHTTP
import EltopTestSupport
import Foundation
import XCTest

/// Output nobody reads while the feeds go on: eltop watching a real Postgres on a pty whose master the
/// test stops reading. Its writes block (the pty full, its terminal writer's thread in write(2)); its
/// poller must keep polling the server meanwhile, the runtime must keep applying what they read (the
/// `--metrics` scrape shows a slot created during the block, with fresh data), its memory must not grow
/// with what it cannot draw, and once the master is read again the screen shows what changed.
final class BlockedTerminalEndToEndTests: XCTestCase {
    #if arch(x86_64)
    private let writeSyscall = 1
    #else
    private let writeSyscall = 64
    #endif

    func testPollersKeepPollingWhileNobodyReadsTheTerminal() async throws {
        let pg = try TestPostgres.start()
        defer { pg.stop() }
        try pg.psql("SELECT pg_create_logical_replication_slot('before_block', 'pgoutput')")
        let port = try MetricsEndToEndTests.freePort()
        let eltop = try PseudoTerminalEltop(
            config: """
                source:
                  url: \(pg.url())
                  poll_interval: 1
                """, cols: 160, rows: 48, arguments: ["--metrics", "127.0.0.1:\(port)"])
        try await eltop.readUntil("before_block")
        let startKiB = try XCTUnwrap(eltop.residentKiB)

        // Full-frame redraws until the pty is full: nothing more arrives and a thread of eltop's waits in write(2).
        let sizes: [(UInt16, UInt16)] = [(200, 60), (120, 40), (160, 48), (100, 30)]
        var resizes = 0, lastUnread = -1, unchanged = 0
        let fillDeadline = Date().addingTimeInterval(15)
        while Date() < fillDeadline {
            eltop.resize(cols: sizes[resizes % sizes.count].0, rows: sizes[resizes % sizes.count].1)
            resizes += 1
            try await Task.sleep(nanoseconds: 50_000_000)
            let unread = eltop.unread
            unchanged = unread == lastUnread ? unchanged + 1 : 0
            lastUnread = unread
            if unchanged >= 10, eltop.threadSyscalls.contains(writeSyscall) { break }
        }
        XCTAssertGreaterThanOrEqual(unchanged, 10, "the pty never filled: \(lastUnread) bytes unread after \(resizes) resizes")
        XCTAssertTrue(eltop.threadSyscalls.contains(writeSyscall), "a thread of eltop's is blocked writing: \(eltop.threadSyscalls)")

        // While blocked: the poller's statement runs again and again on the server, and a new slot appears.
        try pg.psql("SELECT pg_create_logical_replication_slot('during_block', 'pgoutput')")
        let question = "SELECT coalesce(max(query_start)::text, '') FROM pg_stat_activity WHERE application_name = 'eltop'"
        var starts: Set<String> = []
        var peakKiB = startKiB
        let pollDeadline = Date().addingTimeInterval(15)
        while starts.count < 4, Date() < pollDeadline {
            let start = try pg.psql(question).trimmingCharacters(in: .whitespacesAndNewlines)
            if !start.isEmpty { starts.insert(start) }
            peakKiB = max(peakKiB, eltop.residentKiB ?? 0)
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        XCTAssertGreaterThanOrEqual(starts.count, 4, "eltop's polls while its output was blocked: \(starts.sorted())")

        // The runtime applied those readings: the scrape (the exporter's copy of the state) has the new
        // slot, and the Source data is as old as one poll, not as old as the block.
        let http = HTTPClient(userAgent: "eltop-e2e")
        let scraped = try await waitUntil("the scrape shows during_block with fresh data", timeout: 15, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(200))
            peakKiB = max(peakKiB, eltop.residentKiB ?? 0)
            let response = try? await http.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/metrics", timeoutSeconds: 5))
            return response?.bodyText ?? ""
        }) { text in
            text.contains(#"slot="during_block""#) && Self.sourceAge(text).map { $0 < 3 } == true
        }
        XCTAssertNotNil(Self.sourceAge(scraped))
        XCTAssertEqual(eltop.unread, lastUnread, "nothing was read meanwhile")
        XCTAssertTrue(eltop.threadSyscalls.contains(writeSyscall), "still blocked writing while it polled: \(eltop.threadSyscalls)")
        XCTAssertLessThan(peakKiB - startKiB, 8192, "VmRSS \(startKiB) KiB before the block, \(peakKiB) KiB at most during it")
        print("blocked output: \(resizes) resizes filled the pty (\(lastUnread) bytes unread); \(starts.count) polls seen while blocked; VmRSS \(startKiB) → \(peakKiB) KiB")

        // Read again: the screen catches up with the slot created during the block.
        eltop.resize(cols: 160, rows: 48)
        try await eltop.readUntil("during_block")

        let status = try await eltop.stop(SIGTERM)
        XCTAssertEqual(status, 143)
        XCTAssertEqual(eltop.termiosNow, eltop.termiosBefore, "the tty's settings are as before")
        XCTAssertEqual(eltop.sessionMembers, [], "nothing of eltop's is left")
    }

    /// `eltop_feed_data_age_seconds{feed="source"}` in a scrape.
    private static func sourceAge(_ exposition: String) -> Double? {
        let prefix = #"eltop_feed_data_age_seconds{feed="source"} "#
        return exposition.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }
}
