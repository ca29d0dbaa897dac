import EltopCore

/// The `keys:` section: binding name → the keys it should have (`start_sync: S`,
/// `quit: [q, ctrl-c]`). The result is applied to `KeyMap.standard`, which stays the only key map.
///
/// Every problem is an error at its line: an unknown name (with the nearest one), a key that cannot be
/// read, an empty list, a printable key in filter mode (it would be filter text), and a key that two
/// bindings of one mode end up sharing, naming both.
public struct KeysConfig: Equatable, Sendable {
    public var rebindings: [KeyMap.Rebinding] = []

    public init() {}

    /// The key map the dashboard uses.
    public var keyMap: KeyMap { KeyMap.standard.rebound(rebindings) }

    /// tmux's default prefix: a binding on it never reaches eltop inside tmux.
    private static let tmuxPrefix = Key.control("b")

    mutating func read(_ yaml: YAMLSection) {
        let standard = KeyMap.standard
        for name in yaml.presentKeys {
            guard let specs = yaml.stringOrList(name, example: "\(name): [x, ctrl-x]") else { continue }
            let key = yaml.fullKey(name)
            let location = yaml.context.origin(of: key)
            guard standard.resolve(name) != nil else {
                let hint = NearestName.nearest(to: name, among: standard.bindingNames).map { "did you mean \"\($0)\"?" }
                yaml.context.error("unknown action \"\(name)\"", at: location, key: key, hint: hint ?? "see the action names in docs/configuration.md")
                continue
            }
            guard !specs.isEmpty else {
                yaml.context.error("no keys given", at: location, key: key, hint: "give at least one key, e.g. `\(name): x`")
                continue
            }
            var keys: [Key] = []
            var unreadable = false
            for spec in specs {
                guard let parsed = Key(spec: spec) else {
                    yaml.context.error("cannot read \"\(spec)\" as a key", at: location, key: key, hint: "write \(Key.specForms)")
                    unreadable = true
                    continue
                }
                if !keys.contains(parsed) { keys.append(parsed) }
            }
            if unreadable { continue }
            if standard.resolve(name)?.mode == .filter, keys.contains(where: { if case .character = $0 { return true } else { return false } }) {
                yaml.context.error(
                    "a printable key in filter mode is filter text", at: location, key: key, hint: "use a control or named key, e.g. ctrl-u")
                continue
            }
            if keys.contains(Self.tmuxPrefix) {
                yaml.context.warning("ctrl-b is tmux's prefix key: inside tmux it never reaches eltop", at: location, key: key)
            }
            rebindings.append(KeyMap.Rebinding(name: name, keys: keys))
        }
        reportClashes(yaml)
    }

    /// A clash is reported at the rebinding that caused it; each pair once.
    private func reportClashes(_ yaml: YAMLSection) {
        let map = keyMap
        for clash in map.clashes {
            let culprit = rebindings.last { rebinding in
                rebinding.keys.contains(clash.key) && clash.names.contains(Self.qualified(rebinding.name, in: map))
            }
            let location = culprit.map { yaml.context.origin(of: yaml.fullKey($0.name)) } ?? .none
            let names = clash.names.map { $0.hasPrefix("normal.") ? String($0.dropFirst("normal.".count)) : $0 }
            yaml.context.error(
                "\(clash.key.spec) is bound to both \(names.joined(separator: " and ")) in \(clash.mode.rawValue) mode",
                at: location, key: culprit.map { yaml.fullKey($0.name) } ?? yaml.keyPath,
                hint: "give one of them another key")
        }
    }

    private static func qualified(_ name: String, in map: KeyMap) -> String {
        guard let (mode, _) = map.resolve(name), !name.contains(".") else { return name }
        return "\(mode.rawValue).\(name)"
    }

    var summaryLines: [(key: String, value: String)] {
        rebindings.map { ($0.name, $0.keys.map(\.spec).joined(separator: ", ")) }
    }
}
