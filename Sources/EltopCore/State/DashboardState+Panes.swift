/// Which panes are on screen: every pane but an opt-in one that is not configured.
extension DashboardState {
    public var shownPanes: [PaneID] { PaneID.allCases.filter { $0.traits.shown(self) } }

    public func isShown(_ pane: PaneID) -> Bool { pane.traits.shown(self) }

    /// The next pane on screen in `step`'s direction (Tab skips hidden panes).
    func shownPane(after pane: PaneID, _ step: (PaneID) -> PaneID) -> PaneID {
        var candidate = step(pane)
        while !isShown(candidate) && candidate != pane { candidate = step(candidate) }
        return candidate
    }
}

extension Binding {
    /// True for the Tracer's focus key and probe keys while `cdc_probe:` is not configured: help and the
    /// key-hint bar leave them out, since the tracer is opt-in and its keys would do nothing.
    public func isHidden(in state: DashboardState) -> Bool {
        switch action {
        case .focus(let pane): return !state.isShown(pane)
        case .probe: return !state.tracer.configured
        default: return false
        }
    }
}
