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
/// Each column is one slice of the window and shows the newest sample inside it; a slice without a
/// sample stays empty (a gap in polling reads as a gap, not as zero). Bars are whole blocks with a
/// partial block on top (the sparkline levels), so a 6-row chart has 48 steps. The scale runs from
/// zero to the largest value, or to a threshold that lies within half again of it, so a threshold
/// about to be crossed is on the chart and one far above does not flatten the bars.
public enum BlockChart {
    public static func draw(
        _ samples: [Sample], from start: Date, to end: Date, thresholds: [ChartThreshold], label: (Double) -> String,
        into grid: inout Grid, rect: Rect, context: RenderContext
    ) {
        guard rect.height >= 3, rect.width >= 12, end > start else { return }
        let high = samples.map(\.value).max() ?? 0
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
        let span = end.timeIntervalSince(start)
        for (column, value) in columns(samples, from: start, span: span, width: plot.width) {
            let role = shown.filter { value >= $0.value }.map(\.role).last ?? .accent
            let filled = Int((max(0, value) / top * steps).rounded())
            for row in 0..<plotHeight {
                let below = row * levels.count
                guard filled > below else { break }
                let glyph = filled - below >= levels.count ? levels[levels.count - 1] : levels[filled - below - 1]
                grid.set(plot.x + column, plot.maxY - 1 - row, glyph, context.style(role))
            }
        }
        let spanText = "-" + DurationText.short(span)
        grid.write(spanText, x: plot.x, y: rect.maxY - 1, style: muted, maxWidth: plot.width)
        grid.write("now", x: plot.maxX - 3, y: rect.maxY - 1, style: muted)
    }

    /// The value each column shows: the newest sample in its slice. A slice between two samples that
    /// came at the usual pace (up to twice the median spacing) keeps the earlier value, since columns
    /// narrower than the poll interval are not gaps; a longer silence stays empty.
    static func columns(_ samples: [Sample], from start: Date, span: TimeInterval, width: Int) -> [Int: Double] {
        let inWindow = samples.filter { $0.at >= start && $0.at.timeIntervalSince(start) <= span }.sorted { $0.at < $1.at }
        func column(_ sample: Sample) -> Int { min(width - 1, Int(sample.at.timeIntervalSince(start) / span * Double(width))) }
        var values: [Int: Double] = [:]
        for sample in inWindow { values[column(sample)] = sample.value }
        let spacings = zip(inWindow, inWindow.dropFirst()).map { $1.at.timeIntervalSince($0.at) }.sorted()
        guard !spacings.isEmpty else { return values }
        let usual = 2 * spacings[spacings.count / 2]
        for (earlier, later) in zip(inWindow, inWindow.dropFirst()) where later.at.timeIntervalSince(earlier.at) <= usual {
            for gap in (column(earlier) + 1)..<max(column(earlier) + 1, column(later)) where values[gap] == nil { values[gap] = earlier.value }
        }
        return values
    }
}
