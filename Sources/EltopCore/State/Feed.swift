/// One of the four systems eltop polls. Each has one name everywhere: its pane, its poller folder,
/// its reducer extension and its `snapshot --json` section.
public enum Feed: String, CaseIterable, Codable, Sendable, Hashable {
    case source, airbyte, warehouse, dbt

    /// The pane that shows this feed.
    public var pane: PaneID {
        switch self {
        case .source: return .source
        case .airbyte: return .airbyte
        case .warehouse: return .warehouse
        case .dbt: return .dbt
        }
    }

    /// The name a person reads in the timeline and in error lines: its pane's title.
    public var title: String { pane.title }
}

/// The five areas of the dashboard, in the order of their focus keys `1`–`5`.
public enum PaneID: Int, CaseIterable, Codable, Sendable, Hashable {
    case source = 1, airbyte, warehouse, dbt, events

    public var title: String {
        switch self {
        case .source: return "Source"
        case .airbyte: return "Airbyte"
        case .warehouse: return "Warehouse"
        case .dbt: return "dbt"
        case .events: return "Events"
        }
    }

    /// The feed behind the pane; the Events pane has none.
    public var feed: Feed? {
        switch self {
        case .source: return .source
        case .airbyte: return .airbyte
        case .warehouse: return .warehouse
        case .dbt: return .dbt
        case .events: return nil
        }
    }
}
