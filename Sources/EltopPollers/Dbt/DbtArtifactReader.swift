import EltopCore
import Foundation

/// Reads `manifest.json` and `run_results.json` from a target dir and keeps the last good decode of
/// each, re-reading a file only when its size, mtime or inode change.
///
/// The manifest's nodes are kept once: as the last merged reading, whose array the state shares. When
/// only run_results changes, the manifest's nodes are taken back from that reading (results cleared,
/// placeholders dropped) instead of from a second array of their own, which at 18,833 nodes was 6.6 MB
/// allocated and 3.7 MiB resident (docs/benchmarks.md, scale memory, second pass).
///
/// A file that fails to decode (dbt writes them in place, so a read can catch half a file) leaves the
/// last good data in place and throws, so the poll fails, the pane shows the error over the old data,
/// and the poll runner's backoff retries. Not thread-safe: one poller calls it from its own queue.
///
/// `@unchecked Sendable` because its caches are used only on `DbtArtifactPoller`'s serial queue, one
/// read at a time; the compiler cannot see queue confinement.
final class DbtArtifactReader: @unchecked Sendable {
    let projectDir: String
    let targetDir: String
    private var results: Cached<DbtRunResults>?
    private var merged: Merged?

    init(projectDir: String, targetDir: String) {
        self.projectDir = projectDir
        self.targetDir = targetDir
    }

    func read() throws -> DbtReading {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: projectDir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DbtArtifactError("the dbt project dir \(projectDir) does not exist")
        }
        let manifestPath = (targetDir as NSString).appendingPathComponent("manifest.json")
        let resultsPath = (targetDir as NSString).appendingPathComponent("run_results.json")
        guard let manifestSignature = FileSignature(path: manifestPath) else {
            throw DbtArtifactError("no manifest.json in \(targetDir) yet: run dbt (t) or `dbt parse`")
        }
        // run_results first: were it read after a fresh manifest and failed, that manifest would be
        // decoded again at every retry, since only a merged reading keeps its nodes.
        let resultsSignature = FileSignature(path: resultsPath)
        if let resultsSignature, results?.signature != resultsSignature {
            results = Cached(signature: resultsSignature, value: try DbtRunResults.decode(Data(ArtifactFile.contents(resultsPath, signature: resultsSignature))))
        } else if resultsSignature == nil {
            results = nil
        }
        let project: String
        let nodes: [DbtNode]
        if let merged, merged.manifest == manifestSignature {
            if merged.results == resultsSignature { return merged.reading }
            project = merged.reading.project
            nodes = merged.manifestNodes()
        } else {
            let decoded = try ArtifactFile.withMapped(manifestPath, signature: manifestSignature) { try DbtManifest.decode($0) }
            project = decoded.projectName ?? (projectDir as NSString).lastPathComponent
            nodes = decoded.entries()
        }
        let (reading, placeholders) = Self.merge(project: project, nodes: nodes, results: results?.value)
        merged = Merged(manifest: manifestSignature, results: resultsSignature, reading: reading, placeholders: placeholders)
        return reading
    }

    /// The last merge and the files it was made of.
    private struct Merged {
        var manifest: FileSignature
        var results: FileSignature?
        var reading: DbtReading
        /// The ids of the nodes run_results named and the manifest did not.
        var placeholders: Set<String>

        /// The manifest's nodes as `DbtManifest.entries()` gave them (in the reading's order, which
        /// `merge` does not depend on): placeholders dropped, results cleared.
        func manifestNodes() -> [DbtNode] {
            var nodes: [DbtNode] = []
            nodes.reserveCapacity(reading.nodes.count - placeholders.count)
            for var node in reading.nodes where !placeholders.contains(node.uniqueId) {
                DbtRunResults.Result.clear(&node)
                nodes.append(node)
            }
            return nodes
        }
    }

    /// Manifest nodes with their results, problems first, then by layer and name. A duplicated id
    /// keeps its first node. Sorted through an index array with the keys computed once, since moving
    /// 18,833 whole nodes through a comparator was a fifth of a large manifest's load.
    /// Also returns the ids of the placeholders it added for results the manifest lacks.
    /// `nodes` is consumed: merged in place, not copied into a second array of 18,833 nodes.
    static func merge(project: String, nodes: consuming [DbtNode], results: DbtRunResults?) -> (reading: DbtReading, placeholders: Set<String>) {
        var merged = nodes
        var index: [String: Int] = Dictionary(minimumCapacity: merged.count)
        var placeholders: Set<String> = []
        var duplicated = false
        for i in merged.indices {
            if index[merged[i].uniqueId] == nil { index[merged[i].uniqueId] = i } else { duplicated = true }
        }
        if duplicated {
            merged = merged.indices.compactMap { index[merged[$0].uniqueId] == $0 ? merged[$0] : nil }
            index = Dictionary(uniqueKeysWithValues: merged.indices.map { (merged[$0].uniqueId, $0) })
        }
        for result in results?.results ?? [] {
            if let i = index[result.unique_id] {
                result.apply(to: &merged[i])
            } else {
                var node = Self.placeholder(for: result.unique_id)
                result.apply(to: &node)
                index[result.unique_id] = merged.count
                merged.append(node)
                placeholders.insert(result.unique_id)
            }
        }
        let keys = merged.map { SortKey(rank: rank($0.status), layer: $0.layer ?? "~", name: $0.name, id: $0.uniqueId) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        arrange(&merged, in: order)
        return (DbtReading(project: project, nodes: merged, lastRun: results?.summary), placeholders)
    }

    /// Puts `nodes[order[k]]` at position `k` by swapping along the permutation's cycles, which moves
    /// nodes instead of copying them: a copy retains every string of every node, then releases them
    /// all again with the unsorted array.
    static func arrange(_ nodes: inout [DbtNode], in order: [Int]) {
        var placed = [Bool](repeating: false, count: nodes.count)
        for start in nodes.indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                nodes.swapAt(position, source)
                position = source
            }
        }
    }

    private struct SortKey: Comparable {
        var rank: Int
        var layer: String
        var name: String
        var id: String

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            if a.layer != b.layer { return a.layer < b.layer }
            return a.name != b.name ? a.name < b.name : a.id < b.id
        }
    }

    private static func rank(_ status: DbtNodeStatus?) -> Int {
        switch status {
        case .error?, .fail?, .runtimeError?: return 0
        case .warn?: return 1
        case .skipped?: return 2
        default: return 3
        }
    }

    /// A node run_results names but the manifest does not (the manifest is older than the results).
    private static func placeholder(for id: String) -> DbtNode {
        let parts = id.split(separator: ".").map(String.init)
        return DbtNode(
            uniqueId: id, name: parts.count > 2 ? parts[2] : id, resourceType: parts.first ?? "node", layer: nil,
            materialized: nil, status: nil, executionTime: nil, rowsAffected: nil, message: nil)
    }
}

private struct Cached<Value> {
    var signature: FileSignature
    var value: Value
}

/// What tells a rewritten file from the one read before: size, modification time and inode (dbt may
/// write a new file and rename it over the old, which keeps size and mtime close but changes the inode).
struct FileSignature: Equatable {
    var size: Int
    var modifiedNanoseconds: Int64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The signature of the file `descriptor` has open: what was opened may not be what `path` named a moment before.
    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    private init?(_ info: stat) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}
