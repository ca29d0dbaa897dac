import Foundation

/// Directories of one test's own under the temporary directory, for the configs, logs, recordings and
/// outputs a test hands to eltop: a fresh name each time, so parallel runs and reruns never share a file.
public enum ScratchDirectory {
    /// A new, empty directory `<tmp>/<prefix>-<8 random hex digits>`; the caller removes it.
    public static func make(_ prefix: String) throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
