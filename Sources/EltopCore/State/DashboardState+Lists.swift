/// The rows each pane lists, after its filter. The reducer clamps selection against these and the
/// panes draw them, so both always agree on what row N is.
extension DashboardState {
    public var visibleSlots: [ReplicationSlot] {
        filtered(source.reading?.slots ?? [], .source) { $0.name }
    }

    public var visibleConnections: [AirbyteConnection] {
        filtered(airbyte.reading?.connections ?? [], .airbyte) { $0.name + " " + $0.id }
    }

    /// Raw/staging pairs in the pane's sort order; the filter matches either side's name.
    public var visibleWarehousePairs: [WarehousePair] {
        filtered(warehouse.pairs, .warehouse) { pair in
            [pair.raw, pair.staging].compactMap { $0.map { "\($0.schema).\($0.name)" } }.joined(separator: " ")
        }
    }

    public var visibleNodes: [DbtNode] {
        filtered(dbt.displayNodes, .dbt) { $0.name + " " + ($0.layer ?? "") }
    }

    public var visibleEvents: [TimelineEntry] {
        filtered(timeline.entries, .events) { $0.origin.rawValue + " " + $0.message }
    }

    /// How many rows the pane lists now.
    public func rowCount(_ pane: PaneID) -> Int {
        switch pane {
        case .source: return visibleSlots.count
        case .airbyte: return visibleConnections.count
        case .warehouse: return visibleWarehousePairs.count
        case .dbt: return visibleNodes.count
        case .events: return visibleEvents.count
        }
    }

    /// The items whose text matches the pane's filter; the list itself when there is no filter, so the
    /// common case copies nothing.
    private func filtered<T>(_ items: [T], _ pane: PaneID, _ text: (T) -> String) -> [T] {
        ui.filter(pane).isEmpty ? items : items.filter { matches(text($0), pane) }
    }

    /// Case-insensitive substring match against the pane's filter; an empty filter matches everything.
    private func matches(_ text: String, _ pane: PaneID) -> Bool {
        let filter = ui.filter(pane)
        return filter.isEmpty || text.localizedCaseInsensitiveContains(filter)
    }
}
