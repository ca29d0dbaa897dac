import EltopJSON

/// Walks a manifest with `JSONScanner`, keeping `metadata` and the pane's fields of each entry of
/// `nodes`; `sources`, `macros`, `parent_map`, `child_map`, and every other key are skipped unread.
enum DbtManifestScan {
    static func read(_ start: JSONScanner) throws -> DbtManifest {
        var scanner = start
        var metadata = DbtManifest.Metadata()
        var nodes: [(id: String, node: DbtManifest.Node)] = []
        var firstModelPackage: String?
        var sawNodes = false
        var ids = DbtIdTable(expected: 1 << 15)
        var dependsOn: [String] = []
        try scanner.forEachMember { scanner, key in
            if key == "metadata" {
                metadata = try readMetadata(&scanner)
            } else if key == "nodes" {
                sawNodes = true
                try scanner.forEachMember { scanner, key in
                    let id = ids.string(for: key)
                    var fields = NodeFields()
                    nodes.append((id, try readNode(&scanner, id: id, ids: &ids, dependsOn: &dependsOn, fields: &fields)))
                    if firstModelPackage == nil, nodes[nodes.count - 1].node.resource_type == "model" {
                        firstModelPackage = fields.package?.string
                    }
                }
            }
        }
        try scanner.expectEnd()
        guard sawNodes else { throw DbtArtifactError("manifest.json has no nodes") }
        return DbtManifest(metadata: metadata, nodes: nodes, firstModelPackage: firstModelPackage)
    }

    /// What a node's entry says that the pane does not keep: looked at while the entry is read, as the
    /// bytes of the file, so that none of it becomes a string that is freed again between the strings
    /// that stay (a test's schema, `dbt_test__audit` and its prefix, was one such hole per test).
    struct NodeFields {
        var schema: JSONKey?
        var package: JSONKey?
    }

    private static func readMetadata(_ scanner: inout JSONScanner) throws -> DbtManifest.Metadata {
        var metadata = DbtManifest.Metadata()
        try scanner.forEachMember { scanner, key in
            if key == "dbt_schema_version" {
                metadata.dbt_schema_version = try scanner.readOptionalString()
            } else if key == "project_name" {
                metadata.project_name = try scanner.readOptionalString()
            }
        }
        return metadata
    }

    /// The second part of `fqn` when it has three or more, without building the list: every part is
    /// checked to be a string, only that one is kept.
    private static func readFqnFolder(_ scanner: inout JSONScanner) throws -> String? {
        guard try scanner.peekKind() != .null else {
            try scanner.readNull()
            return nil
        }
        var count = 0
        var second: String?
        try scanner.forEachElement { scanner in
            if count == 1 { second = try scanner.readString() } else { try scanner.skipString() }
            count += 1
        }
        return count >= 3 ? second : nil
    }

    /// One node; one without a name or resource type is not a manifest dbt writes, so it fails the read.
    private static func readNode(
        _ scanner: inout JSONScanner, id: String, ids: inout DbtIdTable, dependsOn: inout [String], fields: inout NodeFields
    ) throws -> DbtManifest.Node {
        var name: String?, resourceType: String?, folder: String?
        var node = DbtManifest.Node(name: "", resource_type: "")
        // By length first: a node has some forty keys and the pane wants eight, so most keys are
        // passed over after one comparison of lengths instead of eight of bytes.
        try scanner.forEachMember { scanner, key in
            switch key.count {
            case 3 where key == "fqn":
                folder = try readFqnFolder(&scanner)
            case 4 where key == "name":
                name = try scanner.readString()
            case 6 where key == "schema":
                fields.schema = try scanner.readNullIfPresent() ? nil : try scanner.readStringKey()
            case 6 where key == "config":
                guard try scanner.peekKind() == .object else { return }
                try scanner.forEachMember { scanner, key in
                    if key == "materialized" { node.materialized = try scanner.readOptionalString() }
                }
            case 10 where key == "depends_on":
                guard try scanner.peekKind() == .object else { return }
                try scanner.forEachMember { scanner, key in
                    if key == "nodes" { node.depends_on = try readIds(&scanner, ids: &ids, into: &dependsOn) }
                }
            case 12 where key == "package_name":
                fields.package = try scanner.readNullIfPresent() ? nil : try scanner.readStringKey()
            case 13 where key == "resource_type":
                resourceType = try scanner.readString()
            case 13 where key == "compiled_path":
                node.compiled_path = try scanner.readOptionalString()
            default:
                break
            }
        }
        guard let name, let resourceType else {
            throw DbtArtifactError("manifest.json is not a readable manifest: node \(id) has no name or resource_type")
        }
        node.name = name
        node.resource_type = resourceType
        node.layer = DbtManifest.layer(folder: folder, schema: fields.schema?.string, resourceType: resourceType)
        return node
    }

    /// `depends_on.nodes`: each id from `ids`, gathered in `scratch` (reused from node to node) so that
    /// the array kept is allocated once at its size, not grown one id at a time.
    private static func readIds(_ scanner: inout JSONScanner, ids: inout DbtIdTable, into scratch: inout [String]) throws -> [String]? {
        if try scanner.readNullIfPresent() { return nil }
        scratch.removeAll(keepingCapacity: true)
        try scanner.forEachElement { scanner in scratch.append(ids.string(for: try scanner.readStringKey())) }
        return Array(scratch)
    }
}
