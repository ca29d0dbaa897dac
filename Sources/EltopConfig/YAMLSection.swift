import Foundation
import Yams

/// One mapping of the YAML file (the root, `airbyte:`, `warehouse.snowflake:`) read key by key with
/// types checked and every problem reported at its line and column.
///
/// The keys a section knows are exactly the keys its config type asks for, so the list used to
/// reject unknown keys (and suggest the nearest one) can never drift from the code that reads them.
/// Call `finish()` on the root after every section has been read.
final class YAMLSection {
    /// Dotted path of this mapping, "" for the root.
    let keyPath: String
    /// The YAML file; relative paths in it resolve against its directory.
    let file: String
    private let entries: [(key: String, keyNode: Node, value: Node)]
    let context: LoadContext
    private var knownKeys: [String] = []
    private var children: [YAMLSection] = []

    /// The whole document. `nil` (an empty file, or only comments) reads as an empty mapping.
    convenience init(document: Node?, file: String, context: LoadContext) {
        self.init(node: document, keyPath: "", file: file, context: context)
    }

    private init(node: Node?, keyPath: String, file: String, context: LoadContext) {
        self.keyPath = keyPath
        self.file = file
        self.context = context
        var entries: [(String, Node, Node)] = []
        if let node, node.null == nil {
            if let mapping = node.mapping {
                for (keyNode, value) in mapping {
                    guard let key = keyNode.scalar?.string else {
                        context.error(
                            "a key must be a plain name", at: Self.location(of: keyNode, in: file), key: keyPath.isEmpty ? nil : keyPath)
                        continue
                    }
                    entries.append((key, keyNode, value))
                }
            } else {
                context.error(
                    "expected a mapping of keys, found \(Self.kind(of: node))", at: Self.location(of: node, in: file),
                    key: keyPath.isEmpty ? nil : keyPath,
                    hint: keyPath.isEmpty
                        ? "start the file with a section such as `source:`" : "put its keys on indented lines below `\(keyPath):`")
            }
        }
        self.entries = entries
    }

    var directory: String { (file as NSString).deletingLastPathComponent }
    var fileName: String { (file as NSString).lastPathComponent }

    func fullKey(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// A nested mapping; absent or null gives an empty section.
    func section(_ key: String) -> YAMLSection {
        let found = lookup(key)
        let child = YAMLSection(node: found?.node, keyPath: fullKey(key), file: file, context: context)
        children.append(child)
        return child
    }

    func string(_ key: String) -> String? {
        guard let (node, location) = lookup(key) else { return nil }
        guard let scalar = node.scalar else {
            typeError(key, expected: "a string", found: node, at: location, example: "\(key): value (quote it if it has a colon)")
            return nil
        }
        return scalar.string
    }

    /// A path, made absolute against the YAML file's directory (so a config file can sit beside the
    /// project it describes and be run from anywhere).
    func path(_ key: String) -> String? {
        string(key).map(resolvePath)
    }

    /// A path written in this file, made absolute against the file's directory (`~/` is `$HOME`).
    func resolvePath(_ path: String) -> String {
        context.environment.absolutePath(path, relativeTo: directory)
    }

    func bool(_ key: String) -> Bool? {
        guard let (node, location) = lookup(key) else { return nil }
        guard node.scalar != nil, let value = node.bool else {
            typeError(key, expected: "true or false", found: node, at: location, example: "\(key): true")
            return nil
        }
        return value
    }

    /// A poll interval in seconds: a number greater than zero (fractions allowed).
    func interval(_ key: String) -> TimeInterval? {
        guard let (node, location) = lookup(key) else { return nil }
        guard let text = node.scalar?.string, let seconds = Double(text) else {
            typeError(key, expected: "a number of seconds", found: node, at: location, example: "\(key): 10")
            return nil
        }
        guard let valid = PollInterval.validated(seconds) else {
            context.error(PollInterval.rule, at: location, key: fullKey(key), hint: "e.g. `\(key): 10`")
            return nil
        }
        return valid
    }

    /// A whole number zero or greater, e.g. a row count.
    func count(_ key: String) -> Int64? {
        guard let (node, location) = lookup(key) else { return nil }
        guard let text = node.scalar?.string, let value = Int64(text), value >= 0 else {
            typeError(key, expected: "a whole number", found: node, at: location, example: "\(key): 1000000")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, e.g. `kind: snowflake`.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        if let value = T(rawValue: text.lowercased()) { return value }
        let allowed = T.allCases.map(\.rawValue)
        context.error(
            "invalid value \"\(text)\"", at: context.origin(of: fullKey(key)), key: fullKey(key),
            hint: "use one of: \(allowed.joined(separator: ", "))")
        return nil
    }

    /// A list of strings; a single string is split at commas, as the matching env var would be.
    func stringList(_ key: String) -> [String]? {
        guard let (node, location) = lookup(key) else { return nil }
        if let sequence = node.sequence {
            var values: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    typeError(
                        key, expected: "a list of strings", found: item, at: Self.location(of: item, in: file), example: "\(key): [a, b]")
                    return nil
                }
                values.append(text)
            }
            return values
        }
        if let text = node.scalar?.string { return CommaList.split(text) }
        typeError(key, expected: "a list of strings", found: node, at: location, example: "\(key): [a, b]")
        return nil
    }

    /// A secret given inline (`password:`) or as a file (`password_file:`), never both. An inline
    /// secret marks the file as holding secrets, which makes loose permissions worth a warning.
    func secret(_ key: String) -> Secret? {
        let inline = string(key)
        let fromFile = path(key + "_file")
        guard let value = exactlyOne(key, inline: inline, fromFile: fromFile) else { return nil }
        if let inline = value.inline {
            context.fileHoldsSecrets = true
            return Secret(inline, origin: "\(fullKey(key)) in \(fileName)")
        }
        return Secret(value.contents, origin: "\(fullKey(key))_file \(value.path ?? "")")
    }

    /// A libpq connection string given inline (`url:`) or as a file (`url_file:`), never both.
    func connectionString(_ key: String) -> ConnectionString? {
        let inline = string(key)
        let fromFile = path(key + "_file")
        guard let value = exactlyOne(key, inline: inline, fromFile: fromFile) else { return nil }
        if let inline = value.inline {
            let connection = ConnectionString(inline, origin: "\(fullKey(key)) in \(fileName)")
            if connection.containsPassword { context.fileHoldsSecrets = true }
            return connection
        }
        return ConnectionString(value.contents, origin: "\(fullKey(key))_file \(value.path ?? "")")
    }

    /// The keys this mapping holds, in file order, for a section whose keys are names the user picks
    /// (`keys:` maps binding names to keys). Reading one with `stringOrList` marks it known.
    var presentKeys: [String] { entries.map(\.key) }

    /// A string or a list of strings, each one value: unlike `stringList`, a single string is never
    /// split at commas (in `keys:`, "," is a key).
    func stringOrList(_ key: String, example: String) -> [String]? {
        guard let (node, location) = lookup(key) else { return nil }
        if let text = node.scalar?.string { return [text] }
        if let sequence = node.sequence {
            var values: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    typeError(key, expected: "a string or a list of strings", found: item, at: Self.location(of: item, in: file), example: example)
                    return nil
                }
                values.append(text)
            }
            return values
        }
        typeError(key, expected: "a string or a list of strings", found: node, at: location, example: example)
        return nil
    }

    /// Reports every key nobody asked for, with the nearest known key as a hint, in this section and
    /// all nested ones.
    func finish() {
        for entry in entries where !knownKeys.contains(entry.key) {
            let hint: String
            if let nearest = NearestName.nearest(to: entry.key, among: knownKeys) {
                hint = "did you mean \"\(nearest)\"?"
            } else {
                hint = "known keys here: \(knownKeys.joined(separator: ", "))"
            }
            context.error("unknown key", at: Self.location(of: entry.keyNode, in: file), key: fullKey(entry.key), hint: hint)
        }
        children.forEach { $0.finish() }
    }

    /// Every dotted key this section and its nested sections asked for: the YAML interface, which
    /// a test holds against docs/configuration.md.
    var knownKeyPaths: [String] {
        knownKeys.map(fullKey) + children.flatMap(\.knownKeyPaths)
    }

    // MARK: - Helpers

    /// The value of `key` and where it is, or nil when absent or null. Marks the key known and
    /// records its origin.
    private func lookup(_ key: String) -> (node: Node, location: ConfigLocation)? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        guard let entry = entries.first(where: { $0.key == key }), entry.value.null == nil else { return nil }
        let location = Self.location(of: entry.value, in: file)
        context.record(fullKey(key), at: location)
        return (entry.value, location)
    }

    private func exactlyOne(_ key: String, inline: String?, fromFile path: String?) -> (inline: String?, path: String?, contents: String)? {
        switch (inline, path) {
        case (nil, nil):
            return nil
        case (_?, _?):
            context.error(
                "both \(key) and \(key)_file are set", at: context.origin(of: fullKey(key + "_file")), key: fullKey(key),
                hint: "keep one of them")
            return nil
        case (let inline?, nil):
            return (inline, nil, inline)
        case (nil, let path?):
            let fileLocation = context.origin(of: fullKey(key + "_file"))
            context.record(fullKey(key), at: fileLocation)
            guard let contents = context.readSecretFile(path, key: fullKey(key + "_file"), location: fileLocation) else { return nil }
            return (nil, path, contents)
        }
    }

    private func typeError(_ key: String, expected: String, found node: Node, at location: ConfigLocation, example: String) {
        context.error("expected \(expected), found \(Self.kind(of: node))", at: location, key: fullKey(key), hint: "e.g. `\(example)`")
    }

    static func location(of node: Node, in file: String) -> ConfigLocation {
        .file(path: file, line: node.mark?.line, column: node.mark?.column)
    }

    /// How a problem describes what it found. A scalar is quoted with any password masked, since a
    /// connection string put where a section belongs must not reach the report in clear.
    private static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return "\"\(ConnectionStringRedaction.redact(scalar.string))\""
        case .alias: return "an alias"
        }
    }
}
