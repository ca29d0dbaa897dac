import EltopCore
import Foundation

/// dbt nodes and their last results, the run eltop started (progress, elapsed, outcome), and its log.
enum DbtPane: PaneContent {
    static let subtitle: String? = "models"
    /// Model names run to twenty-odd letters (`stg_film_category`, `dim_film_actor`); cut shorter, rows
    /// look alike.
    static let nodeMinimumWidth = 24

    static func hasData(_ state: DashboardState) -> Bool { state.dbt.reading != nil || state.dbt.invocation != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        var rest = rect
        let ellipsis = context.glyphs.ellipsis
        for line in DbtSummary.lines(context) where rest.height > 1 {
            // A line of one sentence too long for the row (a start failure and its reason) wraps onto a
            // second; the rest is cut with an ellipsis, so a cut is never mistaken for the whole.
            if line.count == 1, let part = line.first, TextFit.width(part.text) > rest.width, rest.height > 2 {
                let wrapped = TextFit.wrap(part.text, rest.width)
                let rows = wrapped.count <= 2 ? wrapped : [wrapped[0], TextFit.truncate(wrapped[1...].joined(separator: " "), rest.width, ellipsis: ellipsis)]
                for text in rows {
                    let (top, below) = rest.splitRows(1)
                    grid.write(text, x: top.x, y: top.y, style: context.style(part.role), maxWidth: top.width)
                    rest = below
                }
                continue
            }
            let (top, below) = rest.splitRows(1)
            var x = top.x
            for (index, part) in line.enumerated() where x < top.maxX {
                if index > 0 { x += grid.write(" · ", x: x, y: top.y, style: context.style(.muted), maxWidth: top.maxX - x) }
                x += grid.write(TextFit.truncate(part.text, top.maxX - x, ellipsis: ellipsis), x: x, y: top.y, style: context.style(part.role), maxWidth: top.maxX - x)
            }
            rest = below
        }
        if context.state.dbt.logVisible {
            drawLog(into: &grid, rect: rest, context: context)
        } else {
            drawNodes(into: &grid, rect: rest, context: context, focused: focused)
        }
    }

    private static func drawNodes(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let nodes = state.visibleNodes
        guard !nodes.isEmpty else {
            // One empty state: a filter that hides everything says so; a project without nodes says what to
            // do; with no artifacts read yet, the frame's error or the run line above already says it.
            let text: String? = !state.ui.filter(.dbt).isEmpty ? "No node matches the filter."
                : state.dbt.reading != nil ? "The project has no models, seeds, snapshots or tests." : nil
            if let text { grid.write(text, x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width) }
            return
        }
        let rect = drawRunShapeBeside(into: &grid, rect: rect, context: context)
        // Status and time come before layer and materialization, which go first when the node's name
        // would be cut to less than `nodeMinimumWidth`.
        let main = [
            Column("NODE"), Column("STATUS", width: 8), Column("TIME", width: 6, alignRight: true), Column("ROWS", width: 6, alignRight: true),
        ]
        let secondary = [Column("LAYER", width: 8), Column("MAT", width: 11)]
        var extra = secondary.count
        while extra > 0, rect.width - (main + secondary.prefix(extra)).reduce(0, { $0 + ($1.width ?? 0) + 1 }) < nodeMinimumWidth { extra -= 1 }
        Table.draw(columns: main + secondary.prefix(extra), rowCount: nodes.count, row: { i in
            let node = nodes[i]
            let cells = [
                TableCell(node.name), TableCell(node.status?.rawValue ?? "—", role(for: node.status)),
                TableCell(NumberText.seconds(time(of: node, now: state.now))),
                rowsCell(node),
            ]
            return cells + [TableCell(node.layer ?? "—", .muted), TableCell(node.materialized ?? "—", .muted)].prefix(extra)
        }, selected: focused ? state.selectedIndex(.dbt) : nil, into: &grid, rect: rect, context: context)
    }

    /// The run's log, newest at the bottom, as much as fits.
    private static func drawLog(into grid: inout Grid, rect: Rect, context: RenderContext) {
        let lines = context.state.dbt.invocation?.log ?? []
        guard !lines.isEmpty else {
            grid.write("No dbt run yet: t runs dbt, l returns to the nodes.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        var wrapped: [(String, Role)] = []
        for line in lines.suffix(rect.height) {
            let role: Role = line.level == "error" ? .crit : line.level == "warn" ? .warn : .text
            for text in TextFit.wrap("\(context.clock(line.at)) \(line.text)", rect.width) { wrapped.append((text, role)) }
        }
        for (offset, (text, role)) in wrapped.suffix(rect.height).enumerated() {
            grid.write(text, x: rect.x, y: rect.y + offset, style: context.style(role), maxWidth: rect.width)
        }
    }

    /// Rows a model, seed or snapshot wrote; for a test, the rows it found failing (marked ✗).
    private static func rowsCell(_ node: DbtNode) -> TableCell {
        guard node.resourceType == "test" else { return TableCell(NumberText.count(node.rowsAffected)) }
        guard let failures = node.failures else { return TableCell("—") }
        return failures > 0 ? TableCell("\(NumberText.count(failures))✗", .crit) : TableCell("0")
    }

    /// A finished node's execution time, or how long a running one has been going.
    static func time(of node: DbtNode, now: Date) -> Double? {
        if node.status == .running, let started = node.startedAt { return max(0, now.timeIntervalSince(started)) }
        return node.executionTime
    }

    static func role(for status: DbtNodeStatus?) -> Role {
        switch status {
        case .success?, .pass?: return .ok
        case .running?: return .accent
        case .skipped?, .queued?, .noOp?: return .muted
        case let status?:
            switch status.severity {
            case .crit?: return .crit
            case .warn?: return .warn
            case .ok?, nil: return .text
            }
        case nil: return .text
        }
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let state = context.state
        guard let node = state.selectedRow(.dbt, in: state.visibleNodes) else { return [] }
        var lines = [
            DetailLine("node", node.uniqueId), DetailLine("type", node.resourceType), DetailLine("layer", node.layer ?? "—"),
            DetailLine("materialized", node.materialized ?? "—"), DetailLine("status", node.status?.rawValue ?? "—", role(for: node.status)),
            DetailLine("started", node.startedAt.map(context.clock) ?? "—"),
            DetailLine(node.status == .running ? "elapsed" : "time", NumberText.seconds(time(of: node, now: state.now))),
            DetailLine("rows", NumberText.count(node.rowsAffected)),
        ]
        if let failures = node.failures { lines.append(DetailLine("failures", "\(failures)", failures > 0 ? .crit : .text)) }
        lines.append(DetailLine("compiled SQL", node.compiledPath ?? "—"))
        lines.append(DetailLine("message", node.message ?? "—", node.failed ? .crit : .text))
        let log = state.dbt.invocation?.nodes[node.uniqueId]?.logLines ?? []
        for (index, line) in log.enumerated() { lines.append(DetailLine(index == 0 ? "log" : "", line, .muted)) }
        return lines
    }
}
