import EltopCore

/// A label and value in a detail view.
public struct DetailLine {
    public var label: String
    public var value: String
    public var role: Role
    public init(_ label: String, _ value: String, _ role: Role = .text) {
        self.label = label
        self.value = value
        self.role = role
    }
}

/// What one area contributes to the screen. `PaneFrame` draws the border, the status badge and the
/// unconfigured/loading/error/stale states around it, so each area only draws its data.
protocol PaneContent {
    /// What the pane lists, after its name on the border ("replication slots"); nil for none.
    static var subtitle: String? { get }
    /// True when there is data to draw (a failing feed may still have last good data).
    static func hasData(_ state: DashboardState) -> Bool
    /// Draws the data (a table) into `rect`.
    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool)
    /// Lines for the detail view of the selected row.
    static func detail(_ context: RenderContext) -> [DetailLine]
}
