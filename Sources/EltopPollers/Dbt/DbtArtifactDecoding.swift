import Foundation

/// The dbt artifact readers on bytes already in memory, as `DbtArtifactReader` runs them on a file's:
/// public so that `eltop-bench` can measure the decoding by itself. Each returns how many entries it
/// found; the artifact types stay internal.
public enum DbtArtifactDecoding {
    /// `run_results.json`: how many results.
    public static func runResults(_ data: Data) throws -> Int {
        try DbtRunResults.decode(data).results.count
    }

    /// `manifest.json`: how many nodes the pane shows.
    public static func manifest(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Int {
        try DbtManifest.decode(bytes).entries().count
    }
}
