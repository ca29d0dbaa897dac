import Foundation

/// Rows for the table `make bench` prints last (bench/summary.sh reads them), from the bench executables:
/// appended to the file named by `BENCH_SUMMARY`, nothing when it is unset. The fields are the ones
/// bench/summary.sh documents: figure, unit, eltop's value, the peer's name and value, the target.
public enum BenchSummary {
    public static func add(_ figure: String, unit: String, eltop: Double, peer: String = "-", peerValue: Double? = nil, target: String = "-") {
        guard let path = ProcessInfo.processInfo.environment["BENCH_SUMMARY"], !path.isEmpty else { return }
        let fields = [figure, unit, String(format: "%.4g", eltop), peer, peerValue.map { String(format: "%.4g", $0) } ?? "-", target]
        let line = Data((fields.joined(separator: "\t") + "\n").utf8)
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: line)
    }
}
