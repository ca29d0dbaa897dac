import EltopCore
import Foundation

/// A line of a chart's scale: a value drawn across the plot (a warn or crit threshold).
public struct ChartThreshold: Equatable, Sendable {
    public var value: Double
    public var role: Role
    public init(_ value: Double, _ role: Role) {
        self.value = value
        self.role = role
    }
}

/// A bar chart of samples over a time window, with a labelled value axis on the left, the window's
/// span under it, and thresholds drawn across. Pure: the same samples, window and size give the
/// same cells.
///
/// Each sample stands for `cover` seconds from its time (a minute's largest value, its minute; a
/// reading, its poll interval). Each column is one slice of the window and shows the largest sample
/// whose span overlaps it, so a peak is never hidden by a later, lower value in the same column; a slice
/// no sample covers stays empty (a gap in polling reads as a gap, not as zero). Bars are whole blocks with a
/// partial block on top (the sparkline levels), so a 6-row chart has 48 steps. The scale runs from
/// zero to the largest value, or to a threshold that lies within half again of it, so a threshold
/// about to be crossed is on the chart and one far above does not flatten the bars.
public enum BlockChart {
    public static func draw(
        _ samples: [Sample], covering cover: TimeInterval, from start: Date, to end: Date, thresholds: [ChartThreshold],
        label: (Double) -> String, into grid: inout Grid, rect: Rect, context: RenderContext
    ) {
        guard rect.height >= 3, rect.width >= 12, end > start else { return }
        let span = end.timeIntervalSince(start)
        // The scale is the largest value drawn: a sample that ended before the window does not squash the bars.
        let drawn = samples.filter { $0.at.addingTimeInterval(max(cover, 0)) > start && $0.at <= end }
        guard !drawn.isEmpty else { return drawNoReadings(span: span, into: &grid, rect: rect, context: context) }
        let high = drawn.map(\.value).max() ?? 0
        let shown = thresholds.filter { $0.value > 0 && $0.value <= max(high, 1) * 1.5 }.sorted { $0.value < $1.value }
        let top = max(high, shown.map(\.value).max() ?? 0, 1)
        let plotHeight = rect.height - 1
        let labels = [label(top), label(top / 2), label(0)]
        let axisWidth = labels.map(TextFit.width).max() ?? 0
        let plot = Rect(x: rect.x + axisWidth + 1, y: rect.y, width: rect.width - axisWidth - 1, height: plotHeight)
        guard plot.width > 2 else { return }
        let muted = context.style(.muted)
        for (row, text) in [(0, labels[0]), (plotHeight / 2, labels[1]), (plotHeight - 1, labels[2])] {
            grid.write(TextFit.pad(text, axisWidth, alignRight: true, ellipsis: context.glyphs.ellipsis), x: rect.x, y: rect.y + row, style: muted)
        }
        for row in 0..<plotHeight { grid.set(plot.x - 1, plot.y + row, context.glyphs.vertical, muted) }
        let levels = context.glyphs.sparkline
        let steps = Double(plotHeight * levels.count)
        for threshold in shown {
            let row = plotHeight - 1 - min(plotHeight - 1, Int(threshold.value / top * Double(plotHeight - 1) + 0.5))
            for x in plot.x..<plot.maxX { grid.set(x, plot.y + row, context.glyphs.horizontal, context.style(threshold.role)) }
        }
        for (column, value) in columns(samples, covering: cover, from: start, span: span, width: plot.width) {
            let role = shown.filter { value >= $0.value }.map(\.role).last ?? .accent
            let filled = Int((max(0, value) / top * steps).rounded())
            for row in 0..<plotHeight {
                let below = row * levels.count
                guard filled > below else { break }
                let glyph = filled - below >= levels.count ? levels[levels.count - 1] : levels[filled - below - 1]
                grid.set(plot.x + column, plot.maxY - 1 - row, glyph, context.style(role))
            }
        }
        drawTimeAxis(span: span, plot: plot, y: rect.maxY - 1, into: &grid, style: muted)
    }

    /// A window without a sample (a lost slot reports no retained WAL): the time axis and the words, not
    /// a scale of "1 B" over nothing.
    private static func drawNoReadings(span: TimeInterval, into grid: inout Grid, rect: Rect, context: RenderContext) {
        let muted = context.style(.muted)
        let plot = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height - 1)
        for row in 0..<plot.height { grid.set(rect.x, plot.y + row, context.glyphs.vertical, muted) }
        let text = "no readings in this window"
        grid.write(text, x: plot.x + max(0, (plot.width - text.count) / 2), y: plot.y + plot.height / 2, style: muted, maxWidth: plot.width)
        drawTimeAxis(span: span, plot: plot, y: rect.maxY - 1, into: &grid, style: muted)
    }

    /// Under the plot: the window's start ("-1h") at the left, "now" at the right, and, where the plot
    /// has room for the three apart, the middle ("-30m") above the column that is half way back.
    private static func drawTimeAxis(span: TimeInterval, plot: Rect, y: Int, into grid: inout Grid, style: Style) {
        let startText = "-" + DurationText.short(span), middleText = "-" + DurationText.short(span / 2)
        grid.write(startText, x: plot.x, y: y, style: style, maxWidth: plot.width)
        grid.write("now", x: plot.maxX - 3, y: y, style: style)
        let middle = plot.x + plot.width / 2 - middleText.count / 2
        if middle > plot.x + startText.count + 1, middle + middleText.count < plot.maxX - 4 {
            grid.write(middleText, x: middle, y: y, style: style)
        }
    }

    /// The value each column shows: the largest sample whose span, `cover` seconds from its time,
    /// overlaps the column's slice of the window. A sample at the window's end is the last column's.
    static func columns(_ samples: [Sample], covering cover: TimeInterval, from start: Date, span: TimeInterval, width: Int) -> [Int: Double] {
        let slice = span / Double(width)
        var values: [Int: Double] = [:]
        for sample in samples {
            let from = sample.at.timeIntervalSince(start), to = from + max(cover, 0)
            guard to > 0, from <= span else { continue }
            let first = min(width - 1, max(0, Int(from / slice)))
            let last = max(first, min(width - 1, Int((to / slice).rounded(.up)) - 1))
            for column in first...last { values[column] = max(values[column] ?? sample.value, sample.value) }
        }
        return values
    }
}
