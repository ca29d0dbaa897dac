import EltopCore

/// The bottom row: the keys that matter now, read from the key map, or the filter being typed,
/// or the last notice ("… is disabled by --read-only").
enum KeyHintBar {
    static func draw(into grid: inout Grid, rect: Rect, context: RenderContext, keyMap: KeyMap) {
        guard !rect.isEmpty else { return }
        let ui = context.state.ui
        grid.fill(rect, style: context.style(.muted))
        var x = rect.x + 1
        if let notice = ui.notice {
            x += grid.write(notice + "  ", x: x, y: rect.y, style: context.style(.warn), maxWidth: rect.maxX - x)
        }
        if ui.mode == .filter {
            x += grid.write("/" + ui.filter(ui.focus) + "█  ", x: x, y: rect.y, style: context.style(.accent), maxWidth: rect.maxX - x)
        }
        // Whole hints only: a hint cut mid-word reads as a different command.
        for binding in keyMap.bindings(for: ui.mode, readOnly: ui.readOnly) {
            guard let hint = binding.hint, binding.action.feed.map({ context.state.health($0).configured }) ?? true else { continue }
            let key = binding.keys[0].label
            guard x + TextFit.width(key + " " + hint) <= rect.maxX else { break }
            x += grid.write(key, x: x, y: rect.y, style: context.style(.accent))
            x += grid.write(" " + hint + "  ", x: x, y: rect.y, style: context.style(.muted), maxWidth: rect.maxX - x)
        }
    }
}
