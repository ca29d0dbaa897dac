import EltopCore

/// The detail view: label/value lines, values wrapped under long labels when the pane is narrow.
enum DetailView {
    static func draw(_ lines: [DetailLine], into grid: inout Grid, rect: Rect, context: RenderContext) {
        guard !lines.isEmpty else {
            grid.write("Nothing selected.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let labelWidth = min(lines.map { TextFit.width($0.label) }.max() ?? 0, max(8, rect.width / 3))
        var y = rect.y
        for line in lines where y < rect.maxY {
            grid.write(TextFit.pad(line.label, labelWidth, ellipsis: context.glyphs.ellipsis), x: rect.x, y: y, style: context.style(.muted))
            let valueX = rect.x + labelWidth + 2
            for wrapped in TextFit.wrap(line.value, rect.maxX - valueX) where y < rect.maxY {
                grid.write(wrapped, x: valueX, y: y, style: context.style(line.role), maxWidth: rect.maxX - valueX)
                y += 1
            }
            if line.value.isEmpty { y += 1 }
        }
    }
}
