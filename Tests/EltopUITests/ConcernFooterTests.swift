import EltopCore
import EltopTestSupport
@testable import EltopUI
import XCTest

/// A pane's footer names its worst concern in whole words at any width: the longest form that fits,
/// cut only when even the shortest does not.
final class ConcernFooterTests: XCTestCase {
    private let context = RenderContext(state: OnCallFixtures.threeSituations(), theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)

    private func footer(width: Int, height: Int) -> [String] {
        PaneFrame.concernLines(.source, width: width, height: height, context: context).map(\.text)
    }

    func testTheLostSlotsFormsGoFromTheSentenceToTheFact() throws {
        let concern = try XCTUnwrap(context.worstConcern(.source))
        XCTAssertEqual(
            concern.forms,
            [
                "airbyte_slot: WAL lost: the connection needs a reset (Enter for why)", "airbyte_slot: WAL lost: the connection needs a reset",
                "airbyte_slot: WAL lost: reset the connection", "airbyte_slot: WAL lost: reset", "airbyte_slot: WAL lost",
            ])
    }

    func testAt80x24TheFooterSaysTheFactAndTheAdviceInWholeWords() {
        // The Source pane at 80×24 is 37 columns inside its border and one footer row.
        XCTAssertEqual(footer(width: 37, height: 6), ["CRIT airbyte_slot: WAL lost: reset"])
        XCTAssertEqual(footer(width: 50, height: 6), ["CRIT airbyte_slot: WAL lost: reset the connection"])
        XCTAssertEqual(footer(width: 30, height: 6), ["CRIT airbyte_slot: WAL lost"])
        XCTAssertEqual(footer(width: 40, height: 10), ["CRIT airbyte_slot: WAL lost: the", "connection needs a reset (Enter for why)"])
    }

    func testAtEveryWidthTheFooterIsTheLongestWholeFormThatFitsUnlessNoneFits() throws {
        let forms = try XCTUnwrap(context.worstConcern(.source)).forms.map { "CRIT " + $0 }
        for height in [6, 10] {
            // A form fits on one row, or (with eight rows) in two whole rows.
            func fits(_ form: String, _ width: Int) -> Bool {
                TextFit.width(form) <= width || (height >= 8 && TextFit.wrap(form, width).count == 2 && TextFit.wrap(form, width).allSatisfy { TextFit.width($0) <= width })
            }
            for width in 10...120 {
                let lines = footer(width: width, height: height)
                let shown = lines.joined(separator: " ")
                XCTAssertTrue(lines.allSatisfy { TextFit.width($0) <= width }, "\(width)x\(height): \(lines)")
                if let longest = forms.first(where: { fits($0, width) }) {
                    XCTAssertEqual(shown, longest, "\(width)x\(height): the longest whole form that fits")
                } else {
                    XCTAssertTrue(shown.hasPrefix("CRIT") && shown.hasSuffix("…"), "\(width)x\(height): only the shortest form is cut: \(lines)")
                }
            }
        }
    }
}
