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
        for binding in keyMap.bindings(for: ui.mode, readOnly: ui.readOnly) where binding.hinted {
            guard x < rect.maxX else { break }
            x += grid.write(binding.keys[0].label, x: x, y: rect.y, style: context.style(.accent), maxWidth: rect.maxX - x)
            x += grid.write(" " + binding.help + "  ", x: x, y: rect.y, style: context.style(.muted), maxWidth: rect.maxX - x)
        }
    }
}
