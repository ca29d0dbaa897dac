import EltopCore
import Foundation

/// Raw tables beside their staging models: rows on each side, the change since the previous poll,
/// drift (raw − staging) and the age of the newest data, with per-schema totals on the last line.
/// Estimated counts carry `~`; missing sides show `—`.
enum WarehousePane: PaneContent {
    static let subtitle: String? = "raw vs staging"

    static func hasData(_ state: DashboardState) -> Bool { state.warehouse.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        guard let reading = state.warehouse.reading else { return }
        let body = rect
        let pairs = state.visibleWarehousePairs
        guard !pairs.isEmpty else {
            let text = reading.tables.isEmpty ? "No tables in \(reading.layout.rawSchema) or \(reading.layout.stagingSchema)." : "No table matches the filter."
            grid.write(text, x: body.x, y: body.y, style: context.style(.muted), maxWidth: body.width)
            return
        }
        let (tableRect, totalsRect) = body.height > 3 ? body.splitRows(body.height - 1) : (body, Rect(x: body.x, y: body.maxY, width: body.width, height: 0))
        let sortMark = context.glyphs.sortMark
        func title(_ text: String, _ sort: WarehouseSort) -> String { state.warehouse.sort == sort ? text + sortMark : text }
        // Drift is the question the pane answers, so it comes before the columns a narrow pane drops.
        let columns = [
            Column(title("TABLE", .name)), Column(title("RAW", .rawRows), width: 7, alignRight: true),
            Column("STAGING", width: 7, alignRight: true), Column(title("DRIFT", .drift), width: 7, alignRight: true),
            Column(title("CHG", .change), width: 7, alignRight: true), Column(title("AGE", .age), width: 6, alignRight: true),
        ]
        Table.draw(
            columns: columns, rowCount: pairs.count, row: { row(pairs[$0], context) },
            selected: focused ? state.selectedIndex(.warehouse) : nil, into: &grid, rect: tableRect, context: context)
        if totalsRect.height > 0 { drawTotals(state.warehouse.schemaTotals, into: &grid, rect: totalsRect, context: context) }
    }

    private static func row(_ pair: WarehousePair, _ context: RenderContext) -> [TableCell] {
        let driftRole: Role = (pair.drift ?? 0) == 0 ? .text : pair.driftEstimated ? .muted : .warn
        return [
            TableCell(pair.name, pair.raw == nil ? .muted : .text),
            count(pair.raw), count(pair.staging),
            TableCell(pair.drift.map { (pair.driftEstimated ? "~" : "") + NumberText.count($0) } ?? "—", driftRole),
            TableCell(pair.rawChange.map(signed) ?? "—", (pair.rawChange ?? 0) > 0 ? .accent : .muted),
            TableCell(pair.freshestAt.map(context.age) ?? "—", .muted),
        ]
    }

    private static func count(_ table: WarehouseTable?) -> TableCell {
        guard let table else { return TableCell("—", .muted) }
        return TableCell((table.rowsEstimated ? "~" : "") + NumberText.count(table.rows), table.rowsEstimated ? .muted : .text)
    }

    private static func signed(_ value: Int64) -> String { value > 0 ? "+" + NumberText.count(value) : NumberText.count(value) }

    /// "total raw 1.2M, staging ~1.1M": rows per schema, `~` when any part is an estimate.
    private static func drawTotals(_ totals: [WarehouseSchemaTotal], into grid: inout Grid, rect: Rect, context: RenderContext) {
        let parts = totals.map { "\($0.schema) \($0.estimated ? "~" : "")\(NumberText.count($0.rows))" }
        grid.write("total " + parts.joined(separator: ", "), x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let state = context.state
        guard let pair = state.selectedRow(.warehouse, in: state.visibleWarehousePairs) else { return [] }
        var lines: [DetailLine] = []
        for (label, table, change) in [("raw", pair.raw, pair.rawChange), ("staging", pair.staging, pair.stagingChange)] {
            guard let table else {
                lines.append(DetailLine(label, "no matching table", .muted))
                continue
            }
            let rows = table.rows.map { String($0) } ?? "—"
            lines.append(DetailLine(label, "\(table.schema).\(table.name)"))
            lines.append(DetailLine("  rows", table.rowsEstimated ? "~\(rows) (estimate)" : rows, table.rowsEstimated ? .muted : .text))
            lines.append(DetailLine("  change", change.map(signed) ?? "— (first poll)"))
            lines.append(DetailLine("  bytes", NumberText.bytes(table.bytes)))
            lines.append(DetailLine("  last altered", table.lastAltered.map { context.age($0) + " ago" } ?? "—"))
            if let extracted = table.extractedAt { lines.append(DetailLine("  extracted", context.age(extracted) + " ago")) }
        }
        lines.append(DetailLine("drift", pair.drift.map { (pair.driftEstimated ? "~" : "") + String($0) } ?? "—"))
        if let problem = state.warehouse.reading?.freshnessProblem {
            lines.append(DetailLine("freshness", problem, .warn))
        }
        if let checked = state.warehouse.reading?.freshnessCheckedAt {
            lines.append(DetailLine("freshness checked", context.age(checked) + " ago", .muted))
        }
        lines.append(DetailLine("sorted by", state.warehouse.sort.rawValue, .muted))
        return lines
    }
}
