@testable import EltopUI
import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The grid's writing fast paths against the plain ones they stand for: ASCII text written byte by
/// byte, and padded table cells written without building the padded string.
final class GridWriteTests: XCTestCase {
    private let style = Theme.builtIn.style(.text)
    private let other = Theme.builtIn.style(.accent)

    /// Texts that take every path: ASCII, wide glyphs, combining and control scalars, too long, empty.
    private let texts = [
        "", "a", "table_42", "16.0k", "—", "no ≥12m", "漢字テーブル", "e\u{301}tude", "tab\there", "x\u{7F}y",
        "a very long name that will not fit anywhere", "ok ✗", "🙂 fine",
    ]

    /// A grid with something in every cell, so a cell the write leaves alone shows.
    private func background() -> Grid {
        var grid = Grid(size: Size(cols: 24, rows: 3), style: style)
        grid.fill(grid.bounds, glyph: "#", style: other)
        return grid
    }

    /// The scalar-by-scalar path for ASCII text, which the fast path must match cell for cell.
    private func referenceWrite(_ grid: inout Grid, _ text: String, x: Int, y: Int, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < grid.size.rows else { return 0 }
        let limit = min(x + min(maxWidth, grid.size.cols), grid.size.cols)
        var col = x
        for scalar in text.unicodeScalars {
            let width = ScalarWidth.of(scalar)
            if width == 0 { continue }
            if col + width > limit { break }
            if col >= 0 { grid.set(col, y, scalar, style) }
            col += width
        }
        return col - x
    }

    func testWriteMatchesTheScalarPathAtEveryPositionAndLimit() {
        for text in texts.filter({ $0.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F } }) {
            for x in [-3, 0, 5, 20, 23, 24, 30] {
                for maxWidth in [0, 1, 4, 100, Int.max] {
                    var fast = background(), slow = background()
                    let used = fast.write(text, x: x, y: 1, style: style, maxWidth: maxWidth)
                    XCTAssertEqual(used, referenceWrite(&slow, text, x: x, y: 1, maxWidth: maxWidth), "\(text) at \(x) max \(maxWidth)")
                    XCTAssertEqual(fast, slow, "\(text) at \(x) max \(maxWidth)")
                }
            }
        }
    }

    func testWriteOutsideTheRowsWritesNothing() {
        var grid = background()
        XCTAssertEqual(grid.write("abc", x: 0, y: 3, style: style), 0)
        XCTAssertEqual(grid.write("abc", x: 0, y: -1, style: style), 0)
        XCTAssertEqual(grid, background())
    }

    func testWritePaddedMatchesWritingThePaddedText() {
        for text in texts {
            for width in [0, 1, 2, 3, 6, 10, 30] {
                for x in [0, 4, 18, 23] {
                    for alignRight in [false, true] {
                        for ellipsis in ["…", "..."] {
                            var direct = background(), padded = background()
                            direct.writePadded(text, x: x, y: 2, width: width, alignRight: alignRight, ellipsis: ellipsis, style: style)
                            padded.write(TextFit.pad(text, width, alignRight: alignRight, ellipsis: ellipsis), x: x, y: 2, style: style)
                            XCTAssertEqual(direct, padded, "\(text) width \(width) at \(x) right \(alignRight) \(ellipsis)")
                        }
                    }
                }
            }
        }
    }

    func testRoleOrdinalIsItsPlaceAmongAllCases() {
        XCTAssertEqual(Role.allCases.map(\.ordinal), Array(Role.allCases.indices))
    }

    func testContextStylesAreTheThemes() {
        var theme = Theme.builtIn
        theme.styles[.warn] = Style(role: .warn, foreground: ColorSpec(xterm256: 1, ansi8: 1), background: .terminalDefault, attributes: .underline)
        theme.styles[.muted] = nil
        let context = RenderContext(state: StateFixtures.unconfigured(), theme: theme, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)
        for role in Role.allCases { XCTAssertEqual(context.style(role), theme.style(role), "\(role)") }
        for role in Role.allCases { XCTAssertEqual(context.asOf(Date()).style(role), theme.style(role), "\(role) as of a date") }
    }
}

/// The symbol ranges `ScalarWidth` answers without a category lookup are one column by that lookup too.
final class ScalarWidthTests: XCTestCase {
    func testNarrowSymbolsAreNoMarksAndNotWide() {
        let zeroWidth: [Unicode.GeneralCategory] = [.nonspacingMark, .enclosingMark, .format, .control]
        for v in UInt32(0x300)...0x3_FFFF where ScalarWidth.isNarrowSymbol(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            XCTAssertFalse(zeroWidth.contains(scalar.properties.generalCategory), "U+\(String(v, radix: 16))")
            // Every wide range starts at U+2E80 or lies in Hangul Jamo (U+1100–115F).
            XCTAssertTrue(v < 0x2E80 && !(0x1100...0x115F).contains(v), "U+\(String(v, radix: 16)) is in a wide range")
        }
        XCTAssertEqual(ScalarWidth.of("—"), 1)
        XCTAssertEqual(ScalarWidth.of("▇"), 1)
        XCTAssertEqual(ScalarWidth.of("\u{200B}"), 0, "a zero-width space is still zero")
        XCTAssertEqual(ScalarWidth.of("漢"), 2)
    }
}

/// The width of text taken byte by byte for printable ASCII is the width scalar by scalar.
final class TextWidthTests: XCTestCase {
    func testASCIIAndOtherTextMeasureAsTheirScalars() {
        for text in ["", "abc", "table_42 16.0k", "tab\there", "x\u{7F}y", "—", "漢字", "e\u{301}", "ok ✗", "🙂"] {
            XCTAssertEqual(TextFit.width(text), text.unicodeScalars.reduce(0) { $0 + ScalarWidth.of($1) }, text)
        }
    }
}
