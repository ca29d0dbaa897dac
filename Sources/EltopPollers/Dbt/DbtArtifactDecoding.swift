import Foundation

/// The artifacts' readers on bytes already in memory, as `DbtArtifactReader` runs them on a file's:
/// public so that `eltop-bench` can measure the decoding by itself (the manifest's whole load, from a
/// file in a fresh process, is bench/manifest.sh's). Each returns how many entries it found; the
/// artifact types stay internal.
public enum DbtArtifactDecoding {
    /// `run_results.json`: how many results.
    public static func runResults(_ data: Data) throws -> Int {
        try DbtRunResults.decode(data).results.count
    }

    /// `manifest.json`'s nodes, read on one thread (a large manifest's load uses two, see
    /// `DbtManifestScan`): the bench's figures are CPU time of one thread, so this is the scan's speed per core.
    public static func manifestNodesOnOneThread(_ data: Data) throws -> Int {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return try DbtManifestScan.read(bytes, splitFrom: bytes.count).nodes.count
        }
    }
}
