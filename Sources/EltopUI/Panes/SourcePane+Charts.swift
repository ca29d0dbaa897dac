import EltopCore
import Foundation

/// The Source pane's charts, where the pane has rows to spare below its table: the selected slot's
/// lag and retained WAL over the last hour, one value a minute (`MinuteHistory`: each minute's
/// largest), with the warn and crit thresholds drawn across. At 80×24 there is never room, so the
/// small screen stays as it is.
extension SourcePane {
    /// Rows a chart needs to say anything: a title, five rows of plot and the time axis.
    static let chartMinimumHeight = 8
    /// What the charts span.
    static let chartSpan: TimeInterval = 3_600

    /// The hour up to the state's now.
    static func chartWindow(_ state: DashboardState) -> ClosedRange<Date> {
        state.now.addingTimeInterval(-chartSpan)...state.now
    }

    /// How long one entry of an hour history stands for: its minute, or the poll interval when polls
    /// are further apart (a minute between two readings 5 minutes apart is not a gap).
    static func chartCover(_ state: DashboardState) -> TimeInterval {
        max(MinuteHistory.minute, state.source.health.pollInterval)
    }

    /// The lag chart's history and thresholds, then the retained WAL's.
    static func chartSeries(for slotName: String, _ source: SourceState) -> [(name: String, history: MinuteHistory?, thresholds: [ChartThreshold])] {
        let t = source.thresholds
        return [
            ("lag", source.lagHour[slotName], [ChartThreshold(Double(t.lagWarnBytes), .warn), ChartThreshold(Double(t.lagCritBytes), .crit)]),
            ("retained WAL", source.retainedHour[slotName],
             [ChartThreshold(Double(t.retainedWarnBytes), .warn), ChartThreshold(Double(t.retainedCritBytes), .crit)]),
        ]
    }

    static func drawCharts(for slot: ReplicationSlot, into grid: inout Grid, rect: Rect, context: RenderContext) {
        let window = chartWindow(context.state), cover = chartCover(context.state)
        let charts = chartSeries(for: slot.name, context.state.source)
        // Side by side when each gets 40 columns, else the lag alone: it is what grows first.
        let shown = rect.width >= 82 ? charts : Array(charts.prefix(1))
        let areas = rect.columns(shown.map { _ in Constraint.fill() })
        for ((name, history, thresholds), area) in zip(shown, areas) {
            let (title, plot) = area.splitRows(1)
            // The slot's name goes first when the title is too long: the thresholds are what a reader compares with.
            let limits = "warn \(NumberText.bytes(Int64(thresholds[0].value))) · crit \(NumberText.bytes(Int64(thresholds[1].value)))"
            let full = "\(name) of \(slot.name) · \(limits)"
            let text = full.count <= title.width - 1 ? full : "\(name) · \(limits)"
            grid.write(text, x: title.x, y: title.y, style: context.style(.muted), maxWidth: title.width - 1)
            BlockChart.draw(
                history?.minutes.elements ?? [], covering: cover, from: window.lowerBound, to: window.upperBound, thresholds: thresholds,
                label: { NumberText.bytes(Int64($0)) },
                into: &grid, rect: Rect(x: plot.x, y: plot.y, width: plot.width - 1, height: plot.height), context: context)
        }
    }
}
