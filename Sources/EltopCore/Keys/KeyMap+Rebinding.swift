/// The config's `keys:` section applied to the key map: each binding has a name, a rebinding replaces
/// that binding's keys, and a key that ends up on two bindings of one mode is a clash.
///
/// Names come from `ActionKind`'s raw values in snake case (`start_sync`, `toggle_help`), with the
/// pane or move for the actions that carry one (`focus_dbt`, `scroll_down`), so a binding added later
/// is rebindable without a table to keep up to date. A bare name means the binding in normal mode,
/// or in the one mode that has it; `MODE.NAME` (`confirm.confirm_yes`, `help.toggle_help`) names
/// another mode's binding.
extension KeyMap {
    /// One `keys:` entry: a binding's name and the keys it should have instead of its defaults.
    public struct Rebinding: Equatable, Sendable {
        public var name: String
        public var keys: [Key]

        public init(name: String, keys: [Key]) {
            self.name = name
            self.keys = keys
        }
    }

    /// A key bound to more than one binding of a mode: only the first would ever fire.
    public struct Clash: Equatable, Sendable {
        public var mode: InputMode
        public var key: Key
        /// The qualified names of the bindings that share the key, in key map order.
        public var names: [String]

        public init(mode: InputMode, key: Key, names: [String]) {
            self.mode = mode
            self.key = key
            self.names = names
        }
    }

    /// Every name a rebinding may use: the bare names and the qualified ones.
    public var bindingNames: [String] {
        var names: [String] = []
        for mode in InputMode.allModes {
            for binding in bindings(for: mode, readOnly: false) {
                let name = Self.name(of: binding.action)
                names.append("\(mode.rawValue).\(name)")
                if resolve(name)?.mode == mode, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The mode and position of the binding a name means, or nil for an unknown name.
    public func resolve(_ name: String) -> (mode: InputMode, index: Int)? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let mode = InputMode(rawValue: parts[0]) else { return nil }
            return index(of: parts[1], in: mode).map { (mode, $0) }
        }
        if let index = index(of: name, in: .normal) { return (.normal, index) }
        let found = InputMode.allModes.compactMap { mode in index(of: name, in: mode).map { (mode, $0) } }
        return found.count == 1 ? found[0] : nil
    }

    /// This key map with the rebindings' keys in place of the defaults. Unknown names are skipped:
    /// the config has already reported them.
    public func rebound(_ rebindings: [Rebinding]) -> KeyMap {
        var map = self
        for rebinding in rebindings where !rebinding.keys.isEmpty {
            guard let (mode, index) = resolve(rebinding.name) else { continue }
            map.update(mode) { $0[index].keys = rebinding.keys }
        }
        return map
    }

    /// The keys that more than one binding of a mode claims.
    public var clashes: [Clash] {
        var found: [Clash] = []
        for mode in InputMode.allModes {
            let all = bindings(for: mode, readOnly: false)
            var seen: [Key] = []
            for binding in all {
                for key in binding.keys where !seen.contains(key) {
                    seen.append(key)
                    let sharing = all.filter { $0.keys.contains(key) }
                    guard sharing.count > 1 else { continue }
                    found.append(Clash(mode: mode, key: key, names: sharing.map { "\(mode.rawValue).\(Self.name(of: $0.action))" }))
                }
            }
        }
        return found
    }

    /// A binding's name: its kind in snake case, with the pane or move it carries.
    public static func name(of action: Action) -> String {
        let kind = snakeCase(ActionKind(action).rawValue)
        switch action {
        case .focus(let pane): return "focus_" + snakeCase(String(describing: pane))
        case .scroll(let move): return "scroll_" + snakeCase(String(describing: move))
        case .probe(let operation): return "probe_" + operation.rawValue
        default: return kind
        }
    }

    private func index(of name: String, in mode: InputMode) -> Int? {
        bindings(for: mode, readOnly: false).firstIndex { Self.name(of: $0.action) == name }
    }

    private mutating func update(_ mode: InputMode, _ change: (inout [Binding]) -> Void) {
        switch mode {
        case .normal: change(&normal)
        case .help: change(&help)
        case .filter: change(&filter)
        case .confirm: change(&confirm)
        }
    }

    private static func snakeCase(_ camel: String) -> String {
        var out = ""
        for c in camel {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension InputMode {
    /// The modes in the order help and config check list them.
    public static let allModes: [InputMode] = [.normal, .help, .filter, .confirm]
}
