import EltopCore
import Foundation

/// Draws one pane: border, title, status badge with the data's age, then what its phase calls for.
/// Stale data is drawn in the stale role so it never looks fresh; an error shows above the last good data.
/// Old data is also drawn as of its reading: elapsed times, "running" and ages stop where the last
/// answer left them, and one line says when that was, so nothing old ticks as if live.
enum PaneFrame {
    /// Draws on a fresh grid (as `render` does), where the pane's rectangle is still blank.
    static func draw(_ pane: PaneID, rect: Rect, into grid: inout Grid, context: RenderContext, focused: Bool, detail: Bool) {
        // The state is read through the context, not copied out: a copy retains every part of it.
        let content = PaneTable.content(pane)
        let (badge, badgeRole) = self.badge(pane, context)
        var title = "\(pane.focusKey) \(pane.title)" + (content.subtitle.map { " · " + $0 } ?? "")
        let filter = context.state.ui.filter(pane)
        if !filter.isEmpty { title += " /\(filter)" }
        if detail { title += " · detail" }
        let inner = Box.draw(rect, into: &grid, context: context, title: title, titleRole: .accent, badge: badge, badgeRole: badgeRole, focused: focused, clear: false)
        guard !inner.isEmpty else { return }
        let body = bodyRect(rect)

        guard let feed = pane.feed else {
            drawContent(pane, detail: detail, into: &grid, rect: body, context: context, focused: focused)
            return
        }
        let health = context.state.health(feed)
        switch health.phase(now: context.state.now) {
        case .unconfigured:
            message(["Not configured.", health.configureHint], roles: [.muted, .text], into: &grid, rect: body, context: context)
        case .loading:
            message(["Waiting for the first answer…"], roles: [.stale], into: &grid, rect: body, context: context)
        case .failing:
            let (error, age) = failureLines(health, width: body.width, rows: errorRows(content, body, context), context: context)
            message(error + age, roles: Array(repeating: .crit, count: error.count) + Array(repeating: .muted, count: age.count), into: &grid, rect: body, context: context)
            if content.hasData(context.state) {
                let (_, rest) = body.splitRows(error.count + age.count)
                drawContent(pane, detail: detail, into: &grid, rect: rest, context: context.asOf(health.lastSuccessAt), focused: focused)
                grid.restyle(rest) { dimmed($0, context) }
            }
        case .stale:
            let asOf = staleLines(health, width: body.width, context: context)
            message(asOf, roles: Array(repeating: .stale, count: asOf.count), into: &grid, rect: body, context: context)
            let (_, rest) = body.splitRows(asOf.count)
            drawContent(pane, detail: detail, into: &grid, rect: rest, context: context.asOf(health.lastSuccessAt), focused: focused)
            grid.restyle(rest) { dimmed($0, context) }
        case .fresh:
            drawContent(pane, detail: detail, into: &grid, rect: body, context: context, focused: focused)
        }
    }

    /// How many rows a failing pane's error may wrap onto: two above the last good data, which keeps the
    /// rest; without data the error is the pane's one empty state and may use the pane, less a row for
    /// the retry, so its advice ("run dbt (t) or `dbt parse`") is not cut off after a long path.
    static func errorRows(_ content: PaneContent.Type, _ body: Rect, _ context: RenderContext) -> Int {
        content.hasData(context.state) ? 2 : max(2, body.height - 1)
    }

    /// The rows shown above the last good data while polls fail: the error (`rows` at most, the last
    /// cut with an ellipsis when it goes on), then how old the data is and when the next try comes.
    /// Already wrapped to `width`.
    static func failureLines(_ health: FeedHealth, width: Int, rows: Int, context: RenderContext) -> (error: [String], age: [String]) {
        let now = context.state.now
        let wrapped = TextFit.wrap(health.lastError ?? "poll failed", width)
        let error = wrapped.count <= rows ? wrapped
            : Array(wrapped.prefix(rows - 1)) + [TextFit.truncate(wrapped[(rows - 1)...].joined(separator: " "), width, ellipsis: context.glyphs.ellipsis)]
        // Without data the error is the pane's one empty state: no "no data yet" beside it.
        var age = health.lastSuccessAt.map { "Showing data as of \(context.clock($0)), \(context.age($0)) ago." } ?? ""
        if let next = health.nextAttemptAt {
            age += (age.isEmpty ? "" : " ") + "Retry in \(DurationText.short(next.timeIntervalSince(now)))."
        }
        return (error, age.isEmpty ? [] : TextFit.wrap(age, width))
    }

    /// The row above stale data: when it was read, so the frozen figures below read as old.
    static func staleLines(_ health: FeedHealth, width: Int, context: RenderContext) -> [String] {
        guard width > 0, let last = health.lastSuccessAt else { return [] }
        return [TextFit.truncate("As of \(context.clock(last)), \(context.age(last)) ago.", width, ellipsis: context.glyphs.ellipsis)]
    }

    /// The rectangle the focused pane's detail view gets: inside the border, below any failure lines.
    static func detailRect(_ pane: PaneID, rect: Rect, context: RenderContext) -> Rect {
        let body = bodyRect(rect)
        guard let feed = pane.feed else { return body }
        let health = context.state.health(feed)
        switch health.phase(now: context.state.now) {
        case .failing:
            let (error, age) = failureLines(health, width: body.width, rows: errorRows(PaneTable.content(pane), body, context), context: context)
            return body.splitRows(error.count + age.count).1
        case .stale:
            return body.splitRows(staleLines(health, width: body.width, context: context).count).1
        case .unconfigured, .loading, .fresh:
            return body
        }
    }

    /// Where a pane's content goes in its rectangle: inside the border, one column of padding each side.
    static func bodyRect(_ rect: Rect) -> Rect {
        let inner = rect.width >= 2 && rect.height >= 2 ? rect.inset(1) : Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        return Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
    }

    /// "● ok <10s", "◌ stale 2m13s", "✖ error 47s", "○ not configured": the status and the data's age.
    /// Fresh data's age steps coarsely ("<10s", "40s", "3m"): within twice the poll interval the exact
    /// second says nothing a reader acts on, and repainting it at every poll is most of an idle
    /// dashboard's output. Once stale or failing the age is exact, and it moves every second.
    static func badge(_ pane: PaneID, _ context: RenderContext) -> (String?, Role) {
        guard let feed = pane.feed else { return (nil, .muted) }
        let state = context.state
        let g = context.glyphs
        let health = state.health(feed)
        let status = context.status(feed)
        let age = health.lastSuccessAt.map { " " + context.age($0) } ?? ""
        switch health.phase(now: state.now) {
        case .unconfigured: return ("\(g.emptyDot) not configured", .muted)
        case .loading: return ("\(g.staleDot) loading", .stale)
        case .failing: return ("\(g.errorMark) error\(age)", .crit)
        case .stale: return ("\(g.staleDot) stale\(age)", .stale)
        case .fresh:
            let coarse = health.lastSuccessAt.map { " " + DurationText.coarse(state.now.timeIntervalSince($0)) } ?? ""
            return ("\(g.statusDot) \(status.rawValue)\(coarse)", context.role(for: status))
        }
    }

    private static func drawContent(_ pane: PaneID, detail: Bool, into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let content = PaneTable.content(pane)
        if detail {
            DetailView.draw(content.detail(context), offset: context.state.ui.detailScroll, into: &grid, rect: rect, context: context)
            return
        }
        let footer = concernLines(pane, width: rect.width, height: rect.height, context: context)
        let (data, below) = rect.splitRows(rect.height - footer.count)
        content.drawData(into: &grid, rect: data, context: context, focused: focused)
        for (offset, line) in footer.enumerated() {
            grid.write(line.text, x: below.x, y: below.y + offset, style: context.style(line.role), maxWidth: below.width)
        }
    }

    /// The footer that gives way to the pane's worst concern, in words ("CRIT airbyte_slot: …"): two
    /// rows at most, and none when the pane is too short to keep its table's header and a row. The
    /// longest form of the concern that fits (one row, or two when the pane has eight) is shown whole;
    /// only when even the shortest does not fit is it cut.
    static func concernLines(_ pane: PaneID, width: Int, height: Int, context: RenderContext) -> [(text: String, role: Role)] {
        guard height >= 4, let concern = context.worstConcern(pane) else { return [] }
        let role = context.role(for: concern.severity)
        let texts = concern.forms.map { "\(concern.label) \($0)" }
        for text in texts where !text.contains("\n") {
            if TextFit.width(text) <= width { return [(text, role)] }
            if height >= 8 {
                let lines = TextFit.wrap(text, width)
                if lines.count == 2, lines.allSatisfy({ TextFit.width($0) <= width }) { return lines.map { ($0, role) } }
            }
        }
        let text = texts.last ?? ""
        let lines = height >= 8 ? TextFit.wrap(text, width) : []
        guard lines.count > 1 else { return [(TextFit.truncate(text, width, ellipsis: context.glyphs.ellipsis), role)] }
        return [(lines[0], role), (TextFit.truncate(lines.dropFirst().joined(separator: " "), width, ellipsis: context.glyphs.ellipsis), role)]
    }

    private static func message(_ lines: [String], roles: [Role], into grid: inout Grid, rect: Rect, context: RenderContext) {
        var y = rect.y
        for (line, role) in zip(lines, roles) {
            for wrapped in TextFit.wrap(line, rect.width) where y < rect.maxY {
                grid.write(wrapped, x: rect.x, y: y, style: context.style(role), maxWidth: rect.width)
                y += 1
            }
        }
    }

    /// Every data cell in the stale role, keeping the selection visible.
    private static func dimmed(_ style: Style, _ context: RenderContext) -> Style {
        style.role == .selection ? style : context.style(.stale)
    }
}
