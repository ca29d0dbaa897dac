import EltopCore
import EltopTestSupport
import EltopThemes
import EltopUI
import Foundation
import XCTest

/// Two lost slots, as a new user would meet them: at 80×24 (WAL column cut) and 200×50, in the default,
/// light and mono themes the pane says "lost" in words, in the row and in its footer, and never that
/// inactivity is normal.
final class SourceWorstFactTests: XCTestCase {
    typealias F = SourceFixtures
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    private func lostSlots() -> DashboardState {
        var state = F.state()
        let slots = [
            F.slot("airbyte_slot", active: false, lag: 9_000_000, retained: 9_500_000, walStatus: .lost, safe: 0),
            F.slot("backup_slot", active: false, lag: 7_000_000, retained: 7_500_000, walStatus: .lost, safe: 0),
            F.slot("analytics_slot", active: true, lag: 2_000, retained: 9_000),
        ]
        F.polled([F.reading(slots)], into: &state)
        _ = reduce(&state, .clockTicked(F.start.addingTimeInterval(2)))
        return state
    }

    private func theme(_ name: String) throws -> Theme {
        try ThemeFile.load(path: Self.themes.appendingPathComponent("\(name).yaml").path)
    }

    private func sourceRows(_ grid: Grid) -> [String] {
        let layout = DashboardLayout(size: grid.size, focus: .source, detail: false)
        let rect = layout.panes[.source] ?? grid.bounds
        return grid.lines()[rect.y..<rect.maxY].map { String($0.unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init)) }
    }

    func testALostSlotSaysLostInWordsAtEverySizeAndTheme() throws {
        let state = lostSlots()
        for name in ["default", "light", "mono"] {
            let theme = try theme(name)
            for size in [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40), Size(cols: 200, rows: 50)] {
                let rows = sourceRows(render(state, size: size, theme: theme, timeZone: TimeZone(identifier: "UTC")!))
                let text = rows.joined(separator: "\n")
                let where_ = "\(name) \(size.cols)x\(size.rows):\n\(text)"
                XCTAssertTrue(rows.contains { $0.contains("airbyte_slot") && ($0.contains("LOST") || $0.contains("lost")) }, "the row says lost: \(where_)")
                XCTAssertTrue(rows.contains { $0.contains("CRIT airbyte_slot: WAL lost") }, "the footer names the worst fact: \(where_)")
                XCTAssertFalse(text.contains("normal"), "no reassurance beside a lost slot: \(where_)")
            }
        }
    }

    func testTheWordsAreTheSameInEveryTheme() throws {
        let state = lostSlots()
        let size = Size(cols: 80, rows: 24)
        let reference = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!).lines()
        for name in ["light", "mono"] {
            XCTAssertEqual(render(state, size: size, theme: try theme(name), timeZone: TimeZone(identifier: "UTC")!).lines(), reference, name)
        }
    }

    func testOnlyACutWalColumnMovesTheStateIntoActive() {
        let state = lostSlots()
        let wide = sourceRows(render(state, size: Size(cols: 200, rows: 50), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!))
        XCTAssertFalse(wide.contains { $0.contains("LOST") }, "the WAL column is there and says lost")
        XCTAssertTrue(wide.contains { $0.contains("airbyte_slot") && $0.contains(" lost ") })
    }

    func testLostGoldens() {
        let state = lostSlots()
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 50)] {
            let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "source-lost-\(size.cols)x\(size.rows)") { XCTFail(failure) }
        }
    }
}
