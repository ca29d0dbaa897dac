import EltopCore
import Foundation

/// The few fields of `manifest.json` (schema v10–v12) the pane needs, decoded with minimal `Decodable`
/// structs: `JSONDecoder` skips everything else, which keeps a 100 MB manifest near 1.4 s and 300 MB of
/// memory (docs/dbt.md), where `JSONSerialization` would build the whole tree.
struct DbtManifest: Decodable {
    static let supportedVersions = 10...12
    static let resourceTypes: Set<String> = ["model", "test", "seed", "snapshot"]

    struct Metadata: Decodable {
        var dbt_schema_version: String?
        var project_name: String?
    }

    struct Config: Decodable {
        var materialized: String?
    }

    struct Node: Decodable {
        var name: String
        var resource_type: String
        var package_name: String?
        var schema: String?
        var fqn: [String]?
        var config: Config?
        var compiled_path: String?
    }

    var metadata: Metadata
    var nodes: [String: Node]

    /// Decodes `data`, refusing schema versions outside v10–v12 with a message that says which it found.
    static func decode(_ data: Data) throws -> DbtManifest {
        let manifest: DbtManifest
        do {
            manifest = try JSONDecoder().decode(DbtManifest.self, from: data)
        } catch {
            throw DbtArtifactError("manifest.json is not a readable manifest (dbt may be writing it): \(DbtArtifactError.brief(error))")
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
                uniqueId: id, name: node.name, resourceType: node.resource_type, layer: Self.layer(of: node),
                materialized: node.config?.materialized, status: nil, executionTime: nil, rowsAffected: nil, message: nil,
                compiledPath: node.compiled_path)
        }
    }

    var projectName: String? {
        metadata.project_name ?? nodes.values.first { $0.resource_type == "model" }?.package_name
    }

    /// The folder the node sits in under its resource path (`models/staging/x.sql` → staging), as
    /// `fqn` spells it; else the schema, except for tests, whose schema is dbt's audit schema.
    static func layer(of node: Node) -> String? {
        if let fqn = node.fqn, fqn.count >= 3 { return fqn[1] }
        return node.resource_type == "test" ? nil : node.schema
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

    /// A decoding error in one line: where it broke, not Foundation's whole context dump.
    static func brief(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription.prefix(120) + ""
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return String(describing: error).prefix(120) + ""
        }
    }
}
