/// One entry of the key map: the keys, what they do, and how help describes them.
///
/// The dispatcher, the `?` overlay and the key-hint bar all read bindings, so a key and its help text
/// can never disagree.
public struct Binding: Codable, Equatable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// What the help overlay says the keys do.
    public var help: String
    /// The heading it is listed under in help.
    public var group: String
    /// True for actions that change something outside eltop (start a sync, run dbt): they ask for
    /// confirmation and are disabled, and hidden from help, under `--read-only`.
    public var changesSomething: Bool
    /// The short text the key-hint bar at the bottom shows ("help", "next pane"); nil keeps the binding
    /// out of the bar. Short, so the keys that matter fit in 80 columns.
    public var hint: String?

    public init(
        _ keys: [Key], _ action: Action, help: String, group: String,
        changesSomething: Bool = false, hint: String? = nil
    ) {
        self.keys = keys
        self.action = action
        self.help = help
        self.group = group
        self.changesSomething = changesSomething
        self.hint = hint
    }

    /// The keys as help spells them, e.g. "q, Ctrl-C".
    public var keyLabel: String { keys.map(\.label).joined(separator: ", ") }
}
