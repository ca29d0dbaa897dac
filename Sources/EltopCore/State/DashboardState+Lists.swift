/// The rows each pane lists, after its filter. The reducer clamps selection against these and the
/// panes draw them, so both always agree on what row N is.
extension DashboardState {
    public var visibleSlots: [ReplicationSlot] {
        (source.reading?.slots ?? []).filter { matches($0.name, .source) }
    }

    public var visibleConnections: [AirbyteConnection] {
        (airbyte.reading?.connections ?? []).filter { matches($0.name, .airbyte) || matches($0.id, .airbyte) }
    }

    public var visibleTables: [WarehouseTable] {
        (warehouse.reading?.tables ?? []).filter { matches("\($0.schema).\($0.name)", .warehouse) }
    }

    public var visibleNodes: [DbtNode] {
        dbt.displayNodes.filter { matches($0.name, .dbt) || matches($0.layer ?? "", .dbt) }
    }

    public var visibleEvents: [TimelineEntry] {
        timeline.entries.filter { matches($0.message, .events) || matches($0.origin.rawValue, .events) }
    }

    /// How many rows the pane lists now.
    public func rowCount(_ pane: PaneID) -> Int {
        switch pane {
        case .source: return visibleSlots.count
        case .airbyte: return visibleConnections.count
        case .warehouse: return visibleTables.count
        case .dbt: return visibleNodes.count
        case .events: return visibleEvents.count
        }
    }

    /// Case-insensitive substring match against the pane's filter; an empty filter matches everything.
    private func matches(_ text: String, _ pane: PaneID) -> Bool {
        let filter = ui.filter(pane)
        return filter.isEmpty || text.localizedCaseInsensitiveContains(filter)
    }
}
