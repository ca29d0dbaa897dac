/// The only key map: one list of bindings per input mode.
///
/// Later issues add their actions (sync, transform, ...) as bindings here; nothing else maps keys.
public struct KeyMap: Sendable {
    public var normal: [Binding]
    public var help: [Binding]
    public var filter: [Binding]
    public var confirm: [Binding]

    /// The bindings in force in `mode`. Under `readOnly` the ones that change something are left out,
    /// so they neither fire nor show in help.
    public func bindings(for mode: InputMode, readOnly: Bool) -> [Binding] {
        let all: [Binding]
        switch mode {
        case .normal: all = normal
        case .help: all = help
        case .filter: all = filter
        case .confirm: all = confirm
        }
        return readOnly ? all.filter { !$0.changesSomething } : all
    }

    /// The action a key means in `mode`. In filter mode a printable character is filter text.
    public func action(for key: Key, mode: InputMode, readOnly: Bool) -> Action? {
        if let binding = bindings(for: mode, readOnly: readOnly).first(where: { $0.keys.contains(key) }) {
            return binding.action
        }
        if mode == .filter, case .character(let c) = key { return .filterInput(c) }
        return nil
    }

    /// The binding for an action that `--read-only` removed, so the dispatcher can say why it did nothing.
    public func disabledBinding(for key: Key, mode: InputMode) -> Binding? {
        bindings(for: mode, readOnly: false).first { $0.changesSomething && $0.keys.contains(key) }
    }
}

extension KeyMap {
    /// eltop's keys.
    public static let standard = KeyMap(
        normal: [
            Binding([.character("q"), .control("c")], .quit, help: "quit", group: "General", hint: "quit"),
            Binding([.character("?")], .toggleHelp, help: "show or hide this help", group: "General", hint: "help"),
            Binding([.character("r")], .refreshNow, help: "poll every source now", group: "General", hint: "refresh"),
            Binding([.character("y")], .copy, help: "copy the selected row", group: "General"),
            Binding([.tab], .focusNext, help: "focus the next pane", group: "Navigate", hint: "next pane"),
            Binding([.backTab], .focusPrevious, help: "focus the previous pane", group: "Navigate"),
        ] + PaneID.allCases.map { pane in
            Binding([.character(pane.focusKey)], .focus(pane), help: "focus \(pane.title)", group: "Navigate")
        } + [
            Binding([.enter], .openDetail, help: "open the detail view", group: "Navigate", hint: "detail"),
            Binding([.escape], .back, help: "close help/detail/filter", group: "Navigate", hint: "back"),
            Binding([.character("/")], .beginFilter, help: "filter the focused list", group: "Navigate", hint: "filter"),
            Binding([.character("o")], .cycleWarehouseSort, help: "sort warehouse rows", group: "Warehouse"),
            Binding([.up, .character("k")], .scroll(.up), help: "select the previous row", group: "Scroll"),
            Binding([.down, .character("j")], .scroll(.down), help: "select the next row", group: "Scroll"),
            Binding([.pageUp], .scroll(.pageUp), help: "page up", group: "Scroll"),
            Binding([.pageDown], .scroll(.pageDown), help: "page down", group: "Scroll"),
            Binding([.home, .character("g")], .scroll(.home), help: "first row", group: "Scroll"),
            Binding([.end, .character("G")], .scroll(.end), help: "last row", group: "Scroll"),
            Binding(
                [.character("s")], .startSync, help: "sync the connection", group: "Airbyte",
                changesSomething: true, hint: "sync"),
            Binding(
                [.character("c")], .cancelJob, help: "cancel its running sync", group: "Airbyte",
                changesSomething: true),
            Binding([.character("p")], .runPipeline, help: "run the pipeline", group: "Airbyte", changesSomething: true),
            Binding([.character("t")], .runDbt, help: "run dbt (asks first)", group: "dbt", changesSomething: true),
            Binding([.character("R")], .retryDbt, help: "re-run failed dbt nodes", group: "dbt", changesSomething: true),
            Binding([.character("x")], .cancelDbt, help: "cancel the running dbt", group: "dbt", changesSomething: true),
            Binding([.character("l")], .toggleDbtLog, help: "dbt: nodes or run log", group: "dbt"),
        ] + ProbeOperation.allCases.map { operation in
            Binding([.character(operation.key)], .probe(operation), help: "\(operation.rawValue) the probe row", group: "Tracer", changesSomething: true)
        },
        help: [
            Binding([.character("?"), .escape, .character("q")], .toggleHelp, help: "close help", group: "Help", hint: "close help"),
            Binding([.control("c")], .quit, help: "quit", group: "Help"),
        ],
        filter: [
            Binding([.enter], .filterCommit, help: "keep the filter", group: "Filter", hint: "keep filter"),
            Binding([.escape], .back, help: "clear the filter", group: "Filter", hint: "clear filter"),
            Binding([.backspace], .filterDeleteBackward, help: "delete a character", group: "Filter"),
            Binding([.control("c")], .quit, help: "quit", group: "Filter"),
        ],
        confirm: [
            Binding([.character("y"), .character("Y")], .confirmYes, help: "yes, do it", group: "Confirm", hint: "yes"),
            Binding([.character("n"), .character("N"), .escape, .enter], .confirmNo, help: "no (default)", group: "Confirm", hint: "no"),
            Binding([.control("c")], .quit, help: "quit", group: "Confirm"),
        ])
}
