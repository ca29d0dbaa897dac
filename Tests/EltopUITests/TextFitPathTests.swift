@testable import EltopUI
import XCTest

/// The text fitting that builds bytes or keeps running widths against the scalar-by-scalar forms it
/// stands for: wrapping, truncation with an ellipsis, and sparklines.
final class TextFitPathTests: XCTestCase {
    private let texts = [
        "", "a", "ok", "table_42 is fresh", "two  spaces   here", " leading and trailing ", "line one\nline two\n\nfour",
        "a_word_much_longer_than_any_width_here and then more", "no ≥12m", "漢字テーブル の 行", "e\u{301}tude café", "CRIT airbyte_slot: wal_status lost: the slot's WAL is gone (Enter for why)",
        "🙂 fine 🙂🙂🙂 wide", "tab\there",
    ]

    /// Wrapping as it was written first: every line measured again for every word.
    private func referenceWrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let w = String(word)
                if line.isEmpty {
                    line = w
                } else if TextFit.width(line) + 1 + TextFit.width(w) <= width {
                    line += " " + w
                } else {
                    lines.append(line)
                    line = w
                }
                while TextFit.width(line) > width {
                    let head = TextFit.truncate(line, width, ellipsis: "")
                    lines.append(head)
                    line = String(line.unicodeScalars.dropFirst(head.unicodeScalars.count))
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Truncation scalar by scalar, for every text.
    private func referenceTruncate(_ text: String, _ width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if TextFit.width(text) <= width { return text }
        let room = width - TextFit.width(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(width)) }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let w = ScalarWidth.of(scalar)
            if used + w > room { break }
            out.append(scalar)
            used += w
        }
        return String(out) + ellipsis
    }

    func testWrapMatchesMeasuringEveryLineAgain() {
        for text in texts {
            // From 2: at width 1 a wide glyph never fits, and wrapping it would not end (as before).
            for width in [0] + Array(2...40) { XCTAssertEqual(TextFit.wrap(text, width), referenceWrap(text, width), "\(text) at \(width)") }
        }
    }

    func testTruncateMatchesTheScalarPath() {
        for text in texts {
            for width in 0...40 {
                for ellipsis in ["…", "", "...", "漢"] {
                    XCTAssertEqual(TextFit.truncate(text, width, ellipsis: ellipsis), referenceTruncate(text, width, ellipsis: ellipsis), "\(text) at \(width)")
                }
            }
        }
    }

    func testSparklineMatchesAppendingScalars() {
        var generator = SystemRandomNumberGenerator()
        for levels in [Glyphs.unicode.sparkline, Glyphs.ascii.sparkline, ["a", "é", "漢", "🙂"]] {
            for _ in 0..<200 {
                let values = (0..<Int.random(in: 0...20, using: &generator)).map { _ in Double(Int.random(in: -5...5, using: &generator)) }
                let width = Int.random(in: 0...16, using: &generator)
                var expected = String.UnicodeScalarView()
                let shown = values.suffix(width)
                let low = shown.min() ?? 0, span = (shown.max() ?? 0) - low
                for v in shown {
                    let level = span > 0 ? Int(((v - low) / span * Double(levels.count - 1)).rounded()) : 0
                    expected.append(levels[max(0, min(levels.count - 1, level))])
                }
                XCTAssertEqual(Sparkline.text(values, width: width, levels: levels), width > 0 && !values.isEmpty ? String(expected) : "")
            }
        }
    }
}
