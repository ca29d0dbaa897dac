/// The rows each pane lists, after its filter. The reducer moves the selection among these and the
/// panes draw them, so both always agree on which row is selected.
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

    public var visibleTimeline: [TimelineEntry] {
        filtered(timeline.entries, .timeline) { $0.origin.rawValue + " " + $0.message }
    }

    /// The identities of the rows the pane lists now, in order.
    public func rowKeys(_ pane: PaneID) -> [String] { pane.traits.rowKeys(self) }

    /// The position of the pane's selected row among the rows it lists now (0 when it lists none).
    public func selectedIndex(_ pane: PaneID) -> Int { ui.selection(pane).index(in: rowKeys(pane)) }

    /// The pane's selected row among `rows` (the list it draws, in `rowKeys` order), or nil when empty.
    public func selectedRow<Row>(_ pane: PaneID, in rows: [Row]) -> Row? {
        rows.isEmpty ? nil : rows[min(selectedIndex(pane), rows.count - 1)]
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
