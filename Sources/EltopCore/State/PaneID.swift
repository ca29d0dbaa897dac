/// The panes of the dashboard, in the order of their focus keys.
///
/// What the state and the keys need to know about a pane is declared once, in `traits`: the key map,
/// the help, the title bar, Tab order and selection all read it. What the screen needs (content, place
/// in the layout) is declared once too, in EltopUI's `PaneTable`. A new pane is a new case here and
/// one entry in each of those two tables; the compiler points at both.
public enum PaneID: Int, CaseIterable, Codable, Sendable, Hashable {
    case source = 1, airbyte, warehouse, dbt, timeline, tracer

    public var traits: PaneTraits {
        switch self {
        case .source:
            return PaneTraits(title: "Source", focusKey: "1", feed: .source) { $0.visibleSlots.map(\.name) }
        case .airbyte:
            return PaneTraits(title: "Airbyte", focusKey: "2", feed: .airbyte) { $0.visibleConnections.map(\.id) }
        case .warehouse:
            return PaneTraits(title: "Warehouse", focusKey: "3", feed: .warehouse) { $0.visibleWarehousePairs.map(\.key) }
        case .dbt:
            return PaneTraits(title: "dbt", focusKey: "4", feed: .dbt) { $0.visibleNodes.map(\.uniqueId) }
        case .timeline:
            return PaneTraits(title: "Timeline", focusKey: "5", feed: nil) { $0.visibleTimeline.map { String($0.id) } }
        case .tracer:
            return PaneTraits(title: "Tracer", focusKey: "6", feed: nil, shown: { $0.tracer.configured }) { $0.tracer.newestFirst.map { String($0.id) } }
        }
    }

    public var title: String { traits.title }

    /// The feed behind the pane; the Timeline pane has none.
    public var feed: Feed? { traits.feed }

    /// The key that focuses the pane.
    public var focusKey: Character { traits.focusKey }

    /// The pane after this one in Tab order, wrapping around.
    public var next: PaneID {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The pane before this one in Tab order, wrapping around.
    public var previous: PaneID {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}

/// What the state and the key map know about a pane.
public struct PaneTraits: Sendable {
    /// The name on the border, the title bar and in help ("focus Source").
    public let title: String
    public let focusKey: Character
    public let feed: Feed?
    /// The identities of the rows the pane lists now, in order (after its filter): what `Selection` holds.
    public let rowKeys: @Sendable (DashboardState) -> [String]
    /// Whether the pane is on screen at all: an opt-in pane (the Tracer) is absent until configured.
    public let shown: @Sendable (DashboardState) -> Bool

    public init(
        title: String, focusKey: Character, feed: Feed?, shown: @escaping @Sendable (DashboardState) -> Bool = { _ in true },
        rowKeys: @escaping @Sendable (DashboardState) -> [String]
    ) {
        self.title = title
        self.focusKey = focusKey
        self.feed = feed
        self.shown = shown
        self.rowKeys = rowKeys
    }
}
