import Foundation

/// `run_results.json`'s reader on bytes already in memory, as `DbtArtifactReader` runs it on a file's:
/// public so that `eltop-bench` can measure the decoding by itself (the manifest's is measured whole,
/// by bench/manifest.sh). It returns how many results it found; the artifact types stay internal.
public enum DbtArtifactDecoding {
    /// `run_results.json`: how many results.
    public static func runResults(_ data: Data) throws -> Int {
        try DbtRunResults.decode(data).results.count
    }
}
