import EltopUI
import XCTest



final class AsciiFallbackTests: XCTestCase {
    func testAsciiPassesThrough() {
        for value in UInt32(0x20)...0x7E {
            let scalar = Unicode.Scalar(value)!
            XCTAssertEqual(AsciiFallback.scalar(scalar), scalar)
        }
    }

    func testEveryUnicodeGlyphEltopDrawsBecomesAscii() {
        let g = Glyphs.unicode
        var drawn: [Unicode.Scalar] = [g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight] + g.sparkline
        for text in [g.ellipsis, g.statusDot, g.staleDot, g.errorMark, g.emptyDot, g.arrow, g.selectionMark, "· — ↑ ↓ ← → █"] {
            drawn += text.unicodeScalars
        }
        for scalar in drawn {
            let ascii = AsciiFallback.scalar(scalar)
            XCTAssertTrue(ascii.isASCII, "\(scalar) became \(ascii)")
            XCTAssertNotEqual(ascii, "?", "\(scalar) (U+\(String(scalar.value, radix: 16))) has no fallback of its own")
        }
    }

    func testBoxDrawingKeepsItsShape() {
        XCTAssertEqual(AsciiFallback.scalar("─"), "-")
        XCTAssertEqual(AsciiFallback.scalar("│"), "|")
        XCTAssertEqual(AsciiFallback.scalar("┌"), "+")
        XCTAssertEqual(AsciiFallback.scalar("┘"), "+")
    }

    func testUnknownScalarsBecomeAQuestionMark() {
        XCTAssertEqual(AsciiFallback.scalar("中"), "?")
        XCTAssertEqual(AsciiFallback.scalar("é"), "?")
    }
}
