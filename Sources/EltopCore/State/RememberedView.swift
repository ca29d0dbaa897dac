/// What of the screen eltop remembers between runs of one config: the focused pane, the Warehouse
/// sort and the kept filters — what k9s and htop users expect to find again. Selection, help and
/// detail views are not kept: they belong to a moment, and a row selected yesterday may be gone.
public struct RememberedView: Codable, Equatable, Sendable {
    public var focus: PaneID
    public var warehouseSort: String
    /// Kept filters by pane title; a filter being typed is not kept until Enter.
    public var filters: [String: String]

    public init(focus: PaneID = .source, warehouseSort: String = WarehouseSort.name.rawValue, filters: [String: String] = [:]) {
        self.focus = focus
        self.warehouseSort = warehouseSort
        self.filters = filters
    }
}

extension DashboardState {
    /// The view as it would be remembered now. A filter still being typed counts as the one before
    /// it, so every keystroke does not rewrite the file.
    public var rememberedView: RememberedView {
        var filters: [String: String] = [:]
        for (pane, text) in ui.filters where !text.isEmpty && !(ui.editingFilter && pane == ui.focus) {
            filters[pane.title] = text
        }
        return RememberedView(focus: ui.focus, warehouseSort: warehouse.sort.rawValue, filters: filters)
    }

    /// Starts from a remembered view. Names this version does not know (a pane or sort since
    /// renamed) are skipped rather than failing the start.
    public mutating func restore(_ view: RememberedView) {
        ui.focus = view.focus
        if let sort = WarehouseSort(rawValue: view.warehouseSort) { warehouse.sort = sort }
        for pane in PaneID.allCases {
            if let text = view.filters[pane.title], !text.isEmpty { ui.filters[pane] = text }
        }
    }
}
