/// What kind of thing an action is, without the value it carries: `focus(.dbt)` and `focus(.source)`
/// are both `.focus`. The key map's coverage is checked against this list, which the exhaustive
/// switch below keeps complete: a new `Action` case does not compile until it has a kind here.
public enum ActionKind: String, CaseIterable, Sendable {
    case quit, toggleHelp, focusNext, focusPrevious, focus, openDetail, back, refreshNow
    case beginFilter, filterInput, filterDeleteBackward, filterCommit, scroll, confirmYes, confirmNo
    case startSync, cancelJob, cycleWarehouseSort, runDbt, retryDbt, cancelDbt, toggleDbtLog, probe, copy
    case runPipeline

    public init(_ action: Action) {
        switch action {
        case .quit: self = .quit
        case .toggleHelp: self = .toggleHelp
        case .focusNext: self = .focusNext
        case .focusPrevious: self = .focusPrevious
        case .focus: self = .focus
        case .openDetail: self = .openDetail
        case .back: self = .back
        case .refreshNow: self = .refreshNow
        case .beginFilter: self = .beginFilter
        case .filterInput: self = .filterInput
        case .filterDeleteBackward: self = .filterDeleteBackward
        case .filterCommit: self = .filterCommit
        case .scroll: self = .scroll
        case .confirmYes: self = .confirmYes
        case .confirmNo: self = .confirmNo
        case .startSync: self = .startSync
        case .cancelJob: self = .cancelJob
        case .cycleWarehouseSort: self = .cycleWarehouseSort
        case .runDbt: self = .runDbt
        case .retryDbt: self = .retryDbt
        case .cancelDbt: self = .cancelDbt
        case .toggleDbtLog: self = .toggleDbtLog
        case .probe: self = .probe
        case .runPipeline: self = .runPipeline
        case .copy: self = .copy
        }
    }
}
