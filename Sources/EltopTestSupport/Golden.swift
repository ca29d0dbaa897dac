import EltopUI
import Foundation

/// Golden-file checks for rendered grids, in the text form of `GoldenText` that a reviewer reads in a diff.
///
/// Files live in a `Snapshots/` folder beside the test file, one per name (`pane-state-COLSxROWS`).
/// `ELTOP_RECORD_SNAPSHOTS=1` rewrites them, and recording still fails the test, so a re-recorded golden
/// is always looked at before it is committed. XCTest-free so fixtures can serve the benchmark too.
public enum Golden {
    /// Compares `grid` with the golden `name`; returns a failure message, or nil when they match.
    public static func check(_ grid: Grid, name: String, testFile: String = #filePath) -> String? {
        let directory = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = GoldenText.render(grid)
        if ProcessInfo.processInfo.environment["ELTOP_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return "recorded \(url.path): check it, then run again without ELTOP_RECORD_SNAPSHOTS"
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no golden file \(url.path): run with ELTOP_RECORD_SNAPSHOTS=1 to record it"
        }
        return expected == actual ? nil : "\(name) differs from its golden file:\n" + lineDiff(expected: expected, actual: actual)
    }

    /// The lines that differ, as `-expected` / `+actual` pairs with their line numbers.
    static func lineDiff(expected: String, actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let left = i < a.count ? a[i] : nil, right = i < b.count ? b[i] : nil
            guard left != right else { continue }
            if let left { out.append(String(format: "%4d - ", i + 1) + left) }
            if let right { out.append(String(format: "%4d + ", i + 1) + right) }
        }
        return out.joined(separator: "\n")
    }
}
