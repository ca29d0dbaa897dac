import EltopJSON

/// Walks a manifest with `JSONScanner`, keeping `metadata` and the pane's fields of each entry of
/// `nodes`; `sources`, `macros`, `parent_map`, `child_map`, and every other key are skipped unread.
///
/// A large `nodes` is read by two threads at once (`DbtManifestSplit`): the second from a node's key
/// near the middle of the file, the first from the start until it reaches that key. The first thread's
/// reading is the proof: only when it finds a member of `nodes` starting exactly there is the second
/// half's work used; otherwise it is dropped and the first reads on alone, so a wrong guess costs time,
/// never a node. The ids of both halves come from one `DbtIdTable`, filled on the first thread.
enum DbtManifestScan {
    /// Below this many bytes after `nodes` begins, one thread reads it all: a second one is not worth starting.
    static let splitAbove = 8 << 20

    /// Where in what follows `nodes`' brace the second thread's start is looked for. Not the middle: dbt
    /// writes the models (long SQL, few keys per kB) before the tests (short SQL, the same forty keys
    /// each), so a byte late in the file costs more than an early one. Measured on the synthetic
    /// 5,000-model manifest, the halves of the bytes took 13 and 24 % of a `snapshot --json`'s samples
    /// (and at 0.6 of the bytes, 18 and 26 %).
    static let splitShare = 0.65

    /// `splitFrom` overrides where the second thread's starting key is looked for (tests; the bytes' end
    /// keeps the read on one thread, for the bench); by default `splitShare` of what follows `nodes`'
    /// brace, for a `nodes` of more than `splitAbove` bytes.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, splitFrom: Int? = nil) throws -> DbtManifest {
        var scanner = JSONScanner(bytes)
        var metadata = DbtManifest.Metadata()
        var nodes: [(id: String, node: DbtManifest.Node)] = []
        var firstModelPackage: String?
        var sawNodes = false
        var ids = DbtIdTable(expected: 1 << 15)
        var scratch: [JSONKey] = []
        try scanner.forEachMember { scanner, key in
            if key == "metadata" {
                metadata = try readMetadata(&scanner)
            } else if key == "nodes" {
                sawNodes = true
                let body: (inout JSONScanner, JSONKey) throws -> Void = { scanner, key in
                    scratch.removeAll(keepingCapacity: true)
                    let entry = try readNode(&scanner, key: key, dependsOn: &scratch)
                    let node = resolve(entry.node, dependsOn: entry.dependsOn.map { scratch[$0] }, ids: &ids)
                    nodes.append((ids.string(for: key), node))
                    if firstModelPackage == nil, node.resource_type == "model" { firstModelPackage = entry.package }
                }
                let rest = bytes.count - scanner.offset
                let from = splitFrom ?? (rest > splitAbove ? scanner.offset + Int(Double(rest) * splitShare) : nil)
                guard let from, let split = DbtManifestSplit.start(in: bytes, searchingFrom: from) else {
                    return try scanner.forEachMember(body)
                }
                defer { split.wait() }
                guard try scanner.forEachMember(stoppingAt: split.key, body) else { return }
                // At the second half's first key: its nodes, or (if it failed) the rest read here.
                guard let half = split.wait() else { return try scanner.forEachRemainingMember(body) }
                for entry in half.nodes {
                    let node = resolve(entry.node, dependsOn: entry.dependsOn.map { half.dependsOn[$0] }, ids: &ids)
                    nodes.append((ids.string(for: entry.key), node))
                    if firstModelPackage == nil, node.resource_type == "model" { firstModelPackage = entry.package }
                }
                scanner = JSONScanner(bytes, at: half.end)
            }
        }
        try scanner.expectEnd()
        guard sawNodes else { throw DbtArtifactError("manifest.json has no nodes") }
        return DbtManifest(metadata: metadata, nodes: nodes, firstModelPackage: firstModelPackage)
    }

    /// A node as one thread reads it: its `depends_on` ids are still the file's bytes (`dependsOn` is
    /// their range in the reader's list), made strings by `resolve` on the first thread, from the one table.
    struct Entry {
        var key: JSONKey
        var node: DbtManifest.Node
        var dependsOn: Range<Int>?
        /// `package_name`, made a string only for the first model.
        var package: String?
    }

    static func resolve(_ node: DbtManifest.Node, dependsOn keys: ArraySlice<JSONKey>?, ids: inout DbtIdTable) -> DbtManifest.Node {
        guard let keys else { return node }
        var node = node
        // One allocation at the list's size, not one growth per id.
        node.depends_on = [String](unsafeUninitializedCapacity: keys.count) { buffer, count in
            for key in keys {
                (buffer.baseAddress! + count).initialize(to: ids.string(for: key))
                count += 1
            }
        }
        return node
    }

    /// The second half's reading: every member of `nodes` from `DbtManifestSplit.key` on, and the offset after `nodes`' closing brace.
    struct Half {
        var nodes: [Entry] = []
        var dependsOn: [JSONKey] = []
        var end = 0

        static func read(_ bytes: UnsafeBufferPointer<UInt8>, from key: Int) throws -> Half {
            var half = Half()
            var scanner = JSONScanner(bytes, at: key)
            var sawModel = false
            try scanner.forEachRemainingMember { scanner, key in
                var entry = try readNode(&scanner, key: key, dependsOn: &half.dependsOn, wantsPackage: !sawModel)
                if entry.node.resource_type == "model" { sawModel = true } else { entry.package = nil }
                half.nodes.append(entry)
            }
            half.end = scanner.offset
            return half
        }
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
    /// Its `depends_on` ids are appended to `dependsOn` as the file's bytes (see `Entry`).
    static func readNode(_ scanner: inout JSONScanner, key: JSONKey, dependsOn: inout [JSONKey], wantsPackage: Bool = true) throws -> Entry {
        var name: String?, resourceType: String?, folder: String?
        var schema: JSONKey?, package: JSONKey?
        var node = DbtManifest.Node(name: "", resource_type: "")
        var range: Range<Int>?
        // By length first: a node has some forty keys and the pane wants eight, so most keys are
        // passed over after one comparison of lengths instead of eight of bytes. The schema and the
        // package are looked at as the file's bytes: made strings and freed again, they were holes
        // between the strings that stay (a test's schema, `dbt_test__audit` and a prefix, one per test).
        try scanner.forEachMember { scanner, key in
            switch key.count {
            case 3 where key == "fqn":
                folder = try readFqnFolder(&scanner)
            case 4 where key == "name":
                name = try scanner.readString()
            case 6 where key == "schema":
                schema = try scanner.readNullIfPresent() ? nil : try scanner.readStringKey()
            case 6 where key == "config":
                guard try scanner.peekKind() == .object else { return }
                try scanner.forEachMember { scanner, key in
                    if key == "materialized" { node.materialized = try scanner.readOptionalString() }
                }
            case 10 where key == "depends_on":
                guard try scanner.peekKind() == .object else { return }
                try scanner.forEachMember { scanner, key in
                    guard key == "nodes" else { return }
                    if try scanner.readNullIfPresent() { return range = nil }
                    let first = dependsOn.count
                    try scanner.forEachElement { scanner in dependsOn.append(try scanner.readStringKey()) }
                    range = first..<dependsOn.count
                }
            case 12 where key == "package_name":
                package = try scanner.readNullIfPresent() ? nil : try scanner.readStringKey()
            case 13 where key == "resource_type":
                resourceType = try scanner.readString()
            case 13 where key == "compiled_path":
                node.compiled_path = try scanner.readOptionalString()
            default:
                break
            }
        }
        guard let name, let resourceType else {
            throw DbtArtifactError("manifest.json is not a readable manifest: node \(key.string) has no name or resource_type")
        }
        node.name = name
        node.resource_type = resourceType
        node.layer = DbtManifest.layer(folder: folder, schema: schema?.string, resourceType: resourceType)
        return Entry(key: key, node: node, dependsOn: range, package: wantsPackage && resourceType == "model" ? package?.string : nil)
    }
}
