/// A terminal size in cells.
public struct Size: Codable, Equatable, Hashable, Sendable {
    public var cols: Int
    public var rows: Int
    public init(cols: Int, rows: Int) {
        self.cols = cols
        self.rows = rows
    }
}

/// A question waiting for y/N before an action that changes something runs.
public struct ConfirmPrompt: Equatable, Sendable {
    /// The question, naming what will change ("Start a sync of postgres → snowflake?").
    public var question: String
    /// What runs on "y".
    public var effect: Effect
    /// How the timeline names the action when it is confirmed or refused.
    public var actionName: String

    public init(question: String, effect: Effect, actionName: String) {
        self.question = question
        self.effect = effect
        self.actionName = actionName
    }
}

/// Which key map is in force.
public enum InputMode: String, Sendable {
    case normal, help, filter, confirm
}

/// Everything about the screen that is not data: focus, overlays, filters, selection.
public struct UIState: Equatable, Sendable {
    public var size = Size(cols: 80, rows: 24)
    public var focus: PaneID = .source
    public var helpVisible = false
    /// True while the focused pane is shown in its detail view (Enter; Esc leaves).
    public var detailVisible = false {
        didSet { detailScroll = 0 }
    }
    /// Rows the detail view is scrolled down by, at most `detailScrollLimit`.
    public var detailScroll = 0
    /// How far the detail view can scroll, as the runtime last measured it (`Event.detailMeasured`).
    public var detailScrollLimit = 0
    /// The filter text per pane; an empty string is no filter.
    public var filters: [PaneID: String] = [:]
    /// True while `/` is taking filter text for the focused pane.
    public var editingFilter = false
    /// The selected row per pane, by identity (see `Selection`); a pane absent here selects its first row.
    public var selection: [PaneID: Selection] = [:]
    public var prompt: ConfirmPrompt?
    /// `--read-only`: actions that change anything are refused and hidden from help.
    public var readOnly = false
    /// A one-line message for the key-hint bar ("disabled by --read-only"), cleared by the next key.
    public var notice: String?
    /// `ui.clipboard`: false makes `y` copy nothing (a terminal that shows OSC 52 as text, a policy).
    public var clipboardEnabled = true
    /// Set when the user asked to quit; the runtime exits once it sees it.
    public var quitting = false

    public init() {}

    public var mode: InputMode {
        if prompt != nil { return .confirm }
        if editingFilter { return .filter }
        if helpVisible { return .help }
        return .normal
    }

    public func filter(_ pane: PaneID) -> String { filters[pane] ?? "" }
    public func selection(_ pane: PaneID) -> Selection { selection[pane] ?? Selection() }
}
