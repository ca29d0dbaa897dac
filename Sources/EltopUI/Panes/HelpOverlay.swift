import EltopCore

/// The `?` overlay: every binding of the normal key map, grouped, straight from the key map.
enum HelpOverlay {
    static func draw(into grid: inout Grid, context: RenderContext, keyMap: KeyMap) {
        let ui = context.state.ui
        let bindings = keyMap.bindings(for: .normal, readOnly: ui.readOnly)
        var groups: [(String, [Binding])] = []
        for binding in bindings {
            if let i = groups.firstIndex(where: { $0.0 == binding.group }) {
                groups[i].1.append(binding)
            } else {
                groups.append((binding.group, [binding]))
            }
        }
        var lines: [(String, String, Role)] = []
        for (group, items) in groups {
            if !lines.isEmpty { lines.append(("", "", .text)) }
            lines.append((group, "", .title))
            lines += items.map { ($0.keyLabel, $0.help, .text) }
        }
        if ui.readOnly {
            lines.append(("", "", .text))
            lines.append(("read-only", "actions that change anything are disabled", .warn))
        }
        let keyWidth = min(16, lines.map { TextFit.width($0.0) }.max() ?? 0)
        let width = min(grid.size.cols - 2, max(44, keyWidth + 48))
        let height = min(grid.size.rows - 2, lines.count + 2)
        guard width > 10, height > 2 else { return }
        let rect = Rect(x: (grid.size.cols - width) / 2, y: max(1, (grid.size.rows - height) / 2), width: width, height: height)
        let inner = Box.draw(rect, into: &grid, context: context, title: "Help · Esc closes", titleRole: .accent, badge: nil, badgeRole: .muted, focused: true)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + offset
            if line.2 == .title {
                grid.write(line.0, x: inner.x + 1, y: y, style: context.style(.accent).adding(.bold), maxWidth: inner.width - 1)
                continue
            }
            grid.write(TextFit.pad(line.0, keyWidth, ellipsis: context.glyphs.ellipsis), x: inner.x + 2, y: y, style: context.style(line.2 == .warn ? .warn : .accent))
            grid.write(line.1, x: inner.x + 3 + keyWidth, y: y, style: context.style(line.2 == .warn ? .warn : .text), maxWidth: inner.maxX - inner.x - 4 - keyWidth)
        }
    }
}
