/// One of the four systems eltop polls. Each has one name everywhere: its pane, its poller folder,
/// its reducer extension and its `snapshot --json` section.
public enum Feed: String, CaseIterable, Codable, Sendable, Hashable {
    case source, airbyte, warehouse, dbt

    /// The pane that shows this feed.
    public var pane: PaneID {
        guard let pane = PaneID.allCases.first(where: { $0.feed == self }) else { preconditionFailure("no pane shows \(self)") }
        return pane
    }

    /// The name a person reads in the timeline and in error lines: its pane's title.
    public var title: String { pane.title }
}
