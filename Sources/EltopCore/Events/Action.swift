/// A scroll request within the focused list.
public enum ScrollMove: Codable, Equatable, Hashable, Sendable {
    case up, down, pageUp, pageDown, home, end
}

/// What the user means by a key. Named for the intent, not the key.
public enum Action: Codable, Equatable, Hashable, Sendable {
    case quit
    case toggleHelp
    case focusNext
    case focusPrevious
    case focus(PaneID)
    case openDetail
    /// Esc: close the innermost of prompt, filter, help, detail.
    case back
    case refreshNow
    case beginFilter
    case filterInput(Character)
    case filterDeleteBackward
    case filterCommit
    case scroll(ScrollMove)
    case confirmYes
    case confirmNo
    /// Start a sync of the selected Airbyte connection (asks first).
    case startSync
    /// Cancel the running job of the selected Airbyte connection (asks first).
    case cancelJob
    /// Order the Warehouse pane by the next column (name, drift, raw rows, change, age).
    case cycleWarehouseSort
    /// `t`: run the configured dbt command.
    case runDbt
    /// `R`: re-run what failed in the last dbt run.
    case retryDbt
    /// `x`: cancel the dbt run going now.
    case cancelDbt
    /// `l`: switch the dbt pane between its node table and the run's log.
    case toggleDbtLog
    /// `i` `u` `d`: write the tracer's probe row (asks first).
    case probe(ProbeOperation)
    /// `p`: sync the selected connection, wait for the job, then run dbt (asks first).
    case runPipeline
    /// `y`: put the selected row's text on the clipboard (OSC 52).
    case copy
}

extension Action {
    /// The feed an area's action acts on; nil for the dashboard's own actions. The key-hint bar leaves
    /// out the hints of feeds that are not configured, where the key could do nothing.
    public var feed: Feed? {
        switch self {
        case .startSync, .cancelJob, .runPipeline: return .airbyte
        case .cycleWarehouseSort: return .warehouse
        case .runDbt, .retryDbt, .cancelDbt, .toggleDbtLog: return .dbt
        default: return nil
        }
    }
}
