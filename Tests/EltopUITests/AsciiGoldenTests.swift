import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// What eltop draws with the ASCII glyphs is ASCII: every `*ascii*` golden of every test target, and a
/// frame full of text that is not (concerns with "≥", failing tests with "✗", names from the systems).
final class AsciiGoldenTests: XCTestCase {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    func testEveryAsciiGoldenIsPureAscii() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.tests.path)
            .filter { $0.contains("/Snapshots/") && $0.contains("ascii") && $0.hasSuffix(".txt") }
        XCTAssertGreaterThanOrEqual(files.count, 3, "the ASCII goldens were not found under \(Self.tests.path)")
        for file in files {
            let bytes = try Data(contentsOf: Self.tests.appendingPathComponent(file))
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            for (number, line) in lines.enumerated() where !line.unicodeScalars.allSatisfy(\.isASCII) {
                XCTFail("\(file):\(number + 1) is not ASCII: \(line)")
            }
        }
    }

    func testAFrameDrawnWithTheAsciiGlyphsIsAscii() {
        var state = StateFixtures.ok(events: 6)
        state.timeline.add(TimelineEntry(at: state.now, origin: .app, severity: .warn, message: "lag ≥ 1 GiB · 中文 ✗ — é"))
        _ = reduce(&state, .actionRequested(.focus(.timeline)))
        _ = reduce(&state, .actionRequested(.openDetail))
        for size in [Size(cols: 80, rows: 24), Size(cols: 160, rows: 48)] {
            let grid = render(state, size: size, theme: .builtIn, glyphs: .ascii)
            for (y, line) in grid.lines().enumerated() {
                XCTAssertTrue(line.unicodeScalars.allSatisfy(\.isASCII), "row \(y): \(line)")
                XCTAssertEqual(line.count, size.cols, "row \(y) keeps its width: \(line)")
            }
        }
    }
}
