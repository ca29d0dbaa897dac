import EltopCore
import EltopTestSupport
import EltopThemes
import EltopUI
import Foundation
import XCTest

/// The three situations a new on-call engineer meets at once (two lost slots, an Airbyte server gone
/// away mid-job, a dbt project never run) at 80×24, 120×40 and 200×50 in every shipped theme (default,
/// light, high-contrast, mono) and under NO_COLOR: the worst fact of each pane in words, nothing old
/// that ticks, one empty state, and at 200×50 the charts and the last jobs (Snapshots/oncall-*.txt).
final class OnCallScreenTests: XCTestCase {
    static let sizes = [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40), Size(cols: 200, rows: 50)]
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")
    private let utc = TimeZone(identifier: "UTC")!

    private func themes() throws -> [Theme] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertTrue(Set(["default.yaml", "light.yaml", "mono.yaml"]).isSubset(of: names), "\(names)")
        let files = try names.map { try ThemeFile.load(path: Self.themesDirectory.appendingPathComponent($0).path) }
        return files + [Theme.builtIn.respectingNoColor(["NO_COLOR": "1"])]
    }

    private func pane(_ pane: PaneID, of grid: Grid, _ state: DashboardState) -> String {
        guard let rect = DashboardLayout(size: grid.size, focus: state.ui.focus, detail: false).panes[pane] else { return "" }
        return grid.lines()[rect.y..<rect.maxY].map { String($0.unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init)) }
            .joined(separator: "\n")
    }

    /// The pane's text as one line of words: wrapped sentences read whole.
    private func words(_ text: String) -> String {
        text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testEachPaneSaysItsWorstFactInWordsAtEverySizeAndTheme() throws {
        let state = OnCallFixtures.threeSituations()
        // 100×30 too: there the WAL column is cut as well.
        for theme in try themes() {
            for size in Self.sizes + [Size(cols: 100, rows: 30)] {
                let grid = render(state, size: size, theme: theme, timeZone: utc)
                let where_ = "\(theme.name) \(size.cols)x\(size.rows)"
                let source = pane(.source, of: grid, state)
                XCTAssertTrue(source.contains("CRIT airbyte_slot: WAL lost"), "Source footer, \(where_):\n\(source)")
                XCTAssertTrue(
                    source.components(separatedBy: "\n").contains { $0.contains("airbyte") && ($0.contains("LOST") || $0.contains(" lost ")) },
                    "the slot's row says lost, \(where_):\n\(source)")
                XCTAssertFalse(source.contains("normal"), "no reassurance beside lost slots, \(where_)")

                let airbyte = words(pane(.airbyte, of: grid, state))
                XCTAssertTrue(airbyte.contains("error 47s"), "the badge says error and how old, \(where_):\n\(airbyte)")
                XCTAssertTrue(airbyte.contains("Couldn't connect to server"), "the reason, \(where_):\n\(airbyte)")
                XCTAssertTrue(airbyte.contains("as of 11:59:13, 47s ago"), "when the data is from, \(where_):\n\(airbyte)")

                let dbt = words(pane(.dbt, of: grid, state))
                XCTAssertEqual(occurrences("no manifest.json", in: dbt), 1, "the missing manifest once, \(where_):\n\(dbt)")
                XCTAssertEqual(occurrences("could not start", in: dbt), 1, "the start failure once, \(where_):\n\(dbt)")
                for noise in ["No data yet", "no results yet", "No node matches"] {
                    XCTAssertFalse(dbt.contains(noise), "\(noise), \(where_):\n\(dbt)")
                }
            }
        }
    }

    /// Words and roles are the theme's business no more than the layout is: every theme draws the same
    /// glyphs and role letters, and each theme marks warn, crit and stale cells by an attribute too, so
    /// without colour (mono, NO_COLOR) the severity is still in the words and in bold/reverse/dim.
    func testEveryThemeDrawsTheSameWordsAndMarksSeverityWithoutColour() throws {
        let state = OnCallFixtures.threeSituations()
        for size in Self.sizes {
            let reference = GoldenText.render(render(state, size: size, theme: .builtIn, timeZone: utc))
            for theme in try themes() {
                XCTAssertEqual(GoldenText.render(render(state, size: size, theme: theme, timeZone: utc)), reference, "\(theme.name) \(size.cols)x\(size.rows)")
            }
        }
        for theme in try themes() {
            for role in [Role.warn, .crit, .stale] {
                XCTAssertNotEqual(theme.style(role).attributes, theme.style(.text).attributes, "\(theme.name): \(role) differs from text without colour")
            }
        }
    }

    /// Through the reducer, the clock moves on five seconds: outside the two fresh panes the only cells
    /// that change are ages and the
    /// retry countdown; the running job's elapsed time, its "running" and its counts stay as last read,
    /// and it shows no rate.
    func testNothingOldTicks() throws {
        let before = OnCallFixtures.threeSituations()
        var after = before
        _ = reduce(&after, .clockTicked(before.now.addingTimeInterval(5)))
        let ages = try NSRegularExpression(pattern: #"(error|stale|ok|crit) <?[0-9hms]+|as of [0-9:]+, [0-9hms]+|[0-9hms]+ ago|Retry in [0-9hms]+"#)
        func normalised(_ text: String) -> String {
            // A badge's age is part of the border's length.
            ages.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "AGE")
                .replacingOccurrences(of: #"─+"#, with: "─", options: .regularExpression)
        }
        // The fresh panes are live: their charts' hour slides with the clock. Everything else is compared.
        func screen(_ state: DashboardState, _ size: Size) -> String {
            var grid = render(state, size: size, theme: .builtIn, timeZone: utc)
            let layout = DashboardLayout(size: size, focus: state.ui.focus, detail: false)
            for pane in [PaneID.source, .warehouse] { if let rect = layout.panes[pane] { grid.fill(rect, style: Theme.builtIn.style(.text)) } }
            return grid.lines().joined(separator: "\n")
        }
        for size in Self.sizes {
            let first = screen(before, size), second = screen(after, size)
            XCTAssertNotEqual(first, second, "the ages move, \(size.cols)x\(size.rows)")
            let moved = zip(normalised(first).components(separatedBy: "\n"), normalised(second).components(separatedBy: "\n")).filter { $0 != $1 }
            XCTAssertEqual(moved.count, 0, "only the ages moved, \(size.cols)x\(size.rows): \(moved.map { "\n- \($0)\n+ \($1)" }.joined())")
            // 80×24 has no room for the job's lines, only its row.
            if size.cols > 80 {
                XCTAssertTrue(first.contains("job 412 running at 11:59:13 #1 · 4m"), "the job as last read, \(size.cols)x\(size.rows):\n\(first)")
                let airbyte = pane(.airbyte, of: render(before, size: size, theme: .builtIn, timeZone: utc), before)
                XCTAssertFalse(airbyte.contains("/s "), "no rate from old counts, \(size.cols)x\(size.rows):\n\(airbyte)")
            }
        }
    }

    func testAt200x50TheSourceChartsAndTheLastJobsShow() {
        let state = OnCallFixtures.threeSituations()
        for size in Self.sizes {
            let screen = render(state, size: size, theme: .builtIn, timeZone: utc).lines().joined(separator: "\n")
            let wide = size.cols == 200
            XCTAssertEqual(screen.contains("retained WAL"), wide, "the retained WAL chart, \(size.cols)x\(size.rows):\n\(screen)")
            XCTAssertEqual(screen.contains("Last jobs of dvdrental"), wide, "the last jobs, \(size.cols)x\(size.rows):\n\(screen)")
        }
    }

    /// A project never read, under a long path: the error is the pane's only content, so it wraps as far
    /// as the pane goes and its advice is there whole at 80×24; above last good data it keeps to two rows
    /// and a cut ends in an ellipsis.
    func testAnEmptyPanesErrorKeepsItsAdviceAndACutErrorSaysSo() {
        var state = StateFixtures.loading()
        state.now = OnCallFixtures.now
        let message = "no manifest.json in /srv/dbt/dvdrental/target yet: run dbt (t) or `dbt parse`"
        _ = reduce(&state, .pollFailed(.dbt, message: message, at: state.now, nextAttemptAt: state.now.addingTimeInterval(5)))
        let small = Size(cols: 80, rows: 24)
        let dbt = pane(.dbt, of: render(state, size: small, theme: .builtIn, timeZone: utc), state)
        XCTAssertTrue(words(dbt).contains(message), dbt)

        var cut = OnCallFixtures.threeSituations()
        _ = reduce(&cut, .pollFailed(.airbyte, message: "Airbyte unreachable: " + message, at: cut.now, nextAttemptAt: cut.now.addingTimeInterval(5)))
        let airbyte = pane(.airbyte, of: render(cut, size: small, theme: .builtIn, timeZone: utc), cut).components(separatedBy: "\n")
        XCTAssertTrue(airbyte[2].hasSuffix("… │") || airbyte[2].contains("…"), "the second error row ends cut: \(airbyte.joined(separator: "\n"))")
    }

    func testGoldens() {
        let state = OnCallFixtures.threeSituations()
        for size in Self.sizes {
            let grid = render(state, size: size, theme: .builtIn, timeZone: utc)
            if let failure = Golden.check(grid, name: "oncall-\(size.cols)x\(size.rows)") { XCTFail(failure) }
        }
    }
}
