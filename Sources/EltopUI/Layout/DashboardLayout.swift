import EltopCore

/// Where everything goes for a terminal size: title bar, key-hint bar and the five panes.
///
/// From the minimum size up, Source|Airbyte and Warehouse|dbt share the upper body in two rows and
/// Events spans the bottom. Below the minimum, or in the detail view, the focused pane takes the body.
public struct DashboardLayout: Equatable {
    /// The smallest size that shows all five panes at once.
    public static let minimumForAllPanes = Size(cols: 60, rows: 16)

    public let titleBar: Rect
    public let keyBar: Rect
    /// The panes on screen and their rectangles; a pane absent here is not shown.
    public let panes: [PaneID: Rect]
    /// True when only the focused pane is shown.
    public let singlePane: Bool

    public init(size: Size, focus: PaneID, detail: Bool) {
        let full = Rect(x: 0, y: 0, width: size.cols, height: size.rows)
        let (title, rest) = full.splitRows(1)
        let (body, keys) = rest.splitRows(max(0, rest.height - 1))
        titleBar = title
        keyBar = keys
        let tooSmall = size.cols < Self.minimumForAllPanes.cols || size.rows < Self.minimumForAllPanes.rows
        singlePane = tooSmall || detail
        if singlePane {
            panes = [focus: body]
            return
        }
        let eventsHeight = max(5, body.height / 4)
        let (upper, events) = body.splitRows(body.height - eventsHeight)
        let (top, bottom) = upper.splitRows(upper.height / 2)
        let leftWidth = size.cols / 2
        let (source, airbyte) = top.splitColumns(leftWidth)
        let (warehouse, dbt) = bottom.splitColumns(leftWidth)
        panes = [.source: source, .airbyte: airbyte, .warehouse: warehouse, .dbt: dbt, .events: events]
    }
}
