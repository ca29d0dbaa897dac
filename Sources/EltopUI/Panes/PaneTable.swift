import EltopCore

/// Where a pane sits in the dashboard: which layout row, and its share of that row's width.
public struct PanePlacement: Equatable, Sendable {
    public var row: Int
    public var width: Constraint
}

/// What the screen needs to know about each pane, declared once: what draws it and where it goes.
/// Its title, focus key and feed are `PaneID.traits` (EltopCore); the layout, the title bar, the
/// frames and the detail view all read these two tables and nothing else.
enum PaneTable {
    /// The heights of the layout's rows, top to bottom: Source|Airbyte and Warehouse|dbt share the
    /// upper body, the Timeline spans the bottom with a quarter of it, never fewer than five rows.
    static let rowHeights: [Constraint] = [.fill(1), .fill(1), .ratio(1, 4, min: 5)]
    /// With the Tracer in the bottom row it gets a third, never fewer than eight rows: a header, trips and
    /// the line saying what the newest trip waits for.
    static let rowHeightsWithTracer: [Constraint] = [.fill(1), .fill(1), .ratio(1, 3, min: 8)]

    static func rowHeights(shown: [PaneID]) -> [Constraint] { shown.contains(.tracer) ? rowHeightsWithTracer : rowHeights }

    static func content(_ pane: PaneID) -> PaneContent.Type { entry(pane).content }
    static func placement(_ pane: PaneID) -> PanePlacement { entry(pane).placement }

    private static func entry(_ pane: PaneID) -> (content: PaneContent.Type, placement: PanePlacement) {
        switch pane {
        case .source: return (SourcePane.self, PanePlacement(row: 0, width: .fill(1)))
        case .airbyte: return (AirbytePane.self, PanePlacement(row: 0, width: .fill(1)))
        case .warehouse: return (WarehousePane.self, PanePlacement(row: 1, width: .fill(1)))
        case .dbt: return (DbtPane.self, PanePlacement(row: 1, width: .fill(1)))
        case .timeline: return (TimelinePane.self, PanePlacement(row: 2, width: .fill(1)))
        // Beside the Timeline, half the row but never under 52 columns: at 80 columns a trip needs them for
        // its four hops; from 104 up the Timeline keeps half, room for its longest lines.
        case .tracer: return (TracerPane.self, PanePlacement(row: 2, width: .ratio(1, 2, min: 52)))
        }
    }
}
