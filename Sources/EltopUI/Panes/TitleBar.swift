import EltopCore

/// The top row: eltop, each pane with its feed's status mark (the focused one reversed), read-only.
enum TitleBar {
    static func draw(into grid: inout Grid, rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let state = context.state
        let bar = context.style(.title)
        grid.fill(rect, style: bar)
        var x = rect.x + grid.write(" eltop ", x: rect.x, y: rect.y, style: bar.adding(.bold), maxWidth: rect.width)
        for pane in state.shownPanes {
            guard x < rect.maxX else { break }
            let focused = pane == state.ui.focus
            var mark = ""
            var role = Role.title
            if let feed = pane.feed {
                let status = context.status(feed)
                mark = status == .unconfigured ? context.glyphs.emptyDot : status == .stale ? context.glyphs.staleDot : status == .error ? context.glyphs.errorMark : context.glyphs.statusDot
                role = context.role(for: status)
            }
            let label = " \(pane.focusKey) \(pane.title)"
            // The focused pane is marked here too: with one pane on screen this says which one it is, and
            // without colour a border alone does not show focus well.
            var labelStyle = bar
            if focused { labelStyle = labelStyle.adding(.reverse) }
            x += grid.write(label, x: x, y: rect.y, style: labelStyle, maxWidth: rect.maxX - x)
            if !mark.isEmpty {
                var markStyle = context.style(role)
                markStyle.background = bar.background
                x += grid.write(" " + mark, x: x, y: rect.y, style: markStyle, maxWidth: rect.maxX - x)
            }
        }
        var right = rect.maxX
        if state.ui.readOnly {
            let text = " read-only "
            let width = TextFit.width(text)
            if right - width > x {
                grid.write(text, x: right - width, y: rect.y, style: context.style(.warn).adding(.reverse))
                right -= width
            }
        }
        if let text = PipelineBadge.text(state), right - TextFit.width(text) > x {
            grid.write(text, x: right - TextFit.width(text), y: rect.y, style: context.style(.accent).adding(.reverse))
            right -= TextFit.width(text)
        }
        if let verdict = state.freshnessVerdict {
            let text = " \(verdict) "
            let width = TextFit.width(text)
            if right - width > x { grid.write(text, x: right - width, y: rect.y, style: bar.adding(.bold)) }
        }
    }
}
