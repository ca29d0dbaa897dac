import Foundation

/// The decoders' peer: CPython's `json.loads` on the same bytes, in the same run, timed the way
/// `measure` times eltop's (CPU time of the process, median of 5 batches after a warm-up), so the two
/// MB/s figures stand side by side. CPython's C scanner builds every object of the document; eltop's
/// readers keep a few fields, so the ratio says what skipping the rest is worth.
enum PythonPeer {
    private static let script = """
        import json, sys, time
        data = open(sys.argv[1], "rb").read()
        n = int(sys.argv[2])
        for _ in range(max(1, n // 10)): json.loads(data)
        batches = []
        for _ in range(5):
            start = time.process_time()
            for _ in range(n): json.loads(data)
            batches.append((time.process_time() - start) / n)
        print(len(data) / sorted(batches)[2] / 1e6)
        """

    /// MB/s of `python3 json.loads` on `bytes`, or nil when python3 is missing or fails.
    static func jsonLoadsMegabytesPerSecond(_ bytes: Data, iterations: Int = 3) -> Double? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-bench-\(getpid())-\(bytes.count).json")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? bytes.write(to: file)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, String(iterations)]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
