import CNcursesw
import EltopUI
import XCTest

@testable import EltopTerminal

final class ColorPaletteTests: XCTestCase {
    func testDepthFollowsTheTerminalsColourCount() {
        XCTAssertEqual(ColorPalette(colorCount: 256, pairLimit: 65536, hasDefaultColors: true).depth, .xterm256)
        XCTAssertEqual(ColorPalette(colorCount: 88, pairLimit: 256, hasDefaultColors: true).depth, .ansi8)
        XCTAssertEqual(ColorPalette(colorCount: 8, pairLimit: 64, hasDefaultColors: true).depth, .ansi8)
        XCTAssertEqual(ColorPalette(colorCount: 0, pairLimit: 0, hasDefaultColors: false).depth, .attributesOnly)
    }

    func testAttributesMapToNcursesAttributes() {
        let palette = ColorPalette(colorCount: 0, pairLimit: 0, hasDefaultColors: false)
        func style(_ attributes: TextAttributes) -> Style {
            Style(role: .text, foreground: .terminalDefault, background: .terminalDefault, attributes: attributes)
        }
        XCTAssertEqual(palette.attributes(style([])), eltop_a_normal())
        XCTAssertEqual(palette.attributes(style(.bold)), eltop_a_bold())
        XCTAssertEqual(palette.attributes(style([.dim, .reverse])), eltop_a_dim() | eltop_a_reverse())
        XCTAssertEqual(palette.attributes(style([.underline, .italic])), eltop_a_underline() | eltop_a_italic())
    }

    func testWithoutColourEveryStyleUsesTheDefaultPair() {
        var palette = ColorPalette(colorCount: 0, pairLimit: 0, hasDefaultColors: false)
        for style in Theme.builtIn.styles.values {
            XCTAssertEqual(palette.pair(style), 0)
        }
    }
}
