import EltopCore
import EltopJSON
import Foundation

/// The few fields of `manifest.json` (schema v10–v12) the pane needs, read by `JSONScanner`, which
/// skips the SQL text, columns and maps that make up most of the file without building them: the
/// whole `snapshot --json` of a 100 MB manifest went from 2 s and 309 MiB (`JSONDecoder`) to the figures
/// in docs/benchmarks.md.
struct DbtManifest {
    static let supportedVersions = 10...12
    static let resourceTypes: Set<String> = ["model", "test", "seed", "snapshot"]

    struct Metadata {
        var dbt_schema_version: String?
        var project_name: String?
    }

    struct Node {
        var name: String
        var resource_type: String
        /// See `DbtManifest.layer(folder:schema:resourceType:)`.
        var layer: String? = nil
        var materialized: String? = nil
        var compiled_path: String? = nil
        var depends_on: [String]? = nil
    }

    var metadata: Metadata
    /// In file order; an array, not a dictionary, because hashing 18,833 ids here and again in the
    /// merge was a tenth of a large manifest's load. `DbtArtifactReader.merge` drops duplicate ids.
    var nodes: [(id: String, node: Node)]
    /// `package_name` of the first model: the project's name when `metadata` lacks it.
    var firstModelPackage: String?

    static func decode(_ data: Data) throws -> DbtManifest {
        try data.withUnsafeBytes { raw in try decode(raw.bindMemory(to: UInt8.self)) }
    }

    /// Decodes `bytes`, refusing schema versions outside v10–v12 with a message that says which it found.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> DbtManifest {
        let manifest: DbtManifest
        do {
            manifest = try DbtManifestScan.read(bytes)
        } catch let error as JSONScanError {
            throw DbtArtifactError("manifest.json is not a readable manifest (dbt may be writing it): \(error)")
        }
        let version = SchemaVersion.number(in: manifest.metadata.dbt_schema_version, artifact: "manifest")
        guard let version, supportedVersions.contains(version) else {
            throw DbtArtifactError(
                "manifest.json has schema \(manifest.metadata.dbt_schema_version ?? "unknown"); eltop reads v10–v12")
        }
        return manifest
    }

    /// The pane's nodes, without results yet.
    func entries() -> [DbtNode] {
        nodes.compactMap { id, node in
            guard Self.resourceTypes.contains(node.resource_type) else { return nil }
            return DbtNode(
                uniqueId: id, name: node.name, resourceType: node.resource_type, layer: node.layer,
                materialized: node.materialized, status: nil, executionTime: nil, rowsAffected: nil, message: nil,
                compiledPath: node.compiled_path, dependsOn: node.depends_on)
        }
    }

    var projectName: String? { metadata.project_name ?? firstModelPackage }

    /// The folder the node sits in under its resource path (`models/staging/x.sql` → staging): `folder`,
    /// `fqn[1]` when `fqn` has three parts or more (project, folders, name); else the schema, except for
    /// tests, whose schema is dbt's audit schema.
    static func layer(folder: String?, schema: @autoclosure () -> String?, resourceType: String) -> String? {
        if let folder { return folder }
        return resourceType == "test" ? nil : schema()
    }
}

/// `https://schemas.getdbt.com/dbt/manifest/v12.json` → 12.
enum SchemaVersion {
    static func number(in url: String?, artifact: String) -> Int? {
        guard let url, let range = url.range(of: "/\(artifact)/v") else { return nil }
        return Int(url[range.upperBound...].prefix { $0.isNumber })
    }
}

/// An artifact that cannot be used now; the poll fails with this text and is retried with backoff.
struct DbtArtifactError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
