/// How the dashboard looks and what it may do.
public struct UIConfig: Equatable, Sendable {
    /// A theme name (looked up in the themes directories) or a path to a theme file; nil is `default`.
    /// A path from the YAML file is already absolute (relative to that file).
    public var theme: String?
    /// Hides and refuses every action that changes something (syncs, dbt runs, cancels).
    public var readOnly = false
    /// `y` copies the selected row with OSC 52; false turns it off (a terminal that prints the
    /// sequence, or a policy against clipboard access).
    public var clipboard = true

    public init() {}

    /// A theme value is a path when it contains `/` or ends in `.yaml`, else a name.
    public static func isThemePath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".yaml")
    }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.string("theme") {
            theme = Self.isThemePath(value) ? yaml.resolvePath(value) : value
        }
        if let value = yaml.bool("read_only") { readOnly = value }
        if let value = yaml.bool("clipboard") { clipboard = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.string("ELTOP_THEME", for: "ui.theme") { theme = value }
    }

    var summaryLines: [(key: String, value: String)] {
        [("theme", theme ?? "default"), ("read_only", readOnly ? "yes" : "no"), ("clipboard", clipboard ? "yes (OSC 52)" : "no")]
    }
}
