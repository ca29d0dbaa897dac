import EltopCore

/// Where everything goes for a terminal size: title bar, key-hint bar and the panes.
///
/// From the minimum size up, every pane is shown where `PaneTable` places it: the body is cut into
/// the table's rows, each row into its panes' widths. Below the minimum, or in the detail view, the
/// focused pane takes the body.
public struct DashboardLayout: Equatable {
    /// The smallest size that shows all panes at once.
    public static let minimumForAllPanes = Size(cols: 60, rows: 16)

    public let titleBar: Rect
    public let keyBar: Rect
    /// The panes on screen and their rectangles; a pane absent here is not shown.
    public let panes: [PaneID: Rect]
    /// True when only the focused pane is shown.
    public let singlePane: Bool

    public init(size: Size, focus: PaneID, detail: Bool, shown: [PaneID] = PaneID.allCases.filter { $0 != .tracer }) {
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
        var panes: [PaneID: Rect] = [:]
        for (index, row) in body.rows(PaneTable.rowHeights(shown: shown)).enumerated() {
            let inRow = shown.filter { PaneTable.placement($0).row == index }
            for (pane, rect) in zip(inRow, row.columns(inRow.map { PaneTable.placement($0).width })) { panes[pane] = rect }
        }
        self.panes = panes
    }
}
