import EltopCore

/// The `?` overlay: every binding of the normal key map, grouped, straight from the key map.
///
/// Groups flow into a second column when one column would not fit the height (80×24 cannot show all
/// bindings in one), so the whole key map stays visible at the minimum size.
enum HelpOverlay {
    /// One help line: a group heading, a key and what it does, the read-only note, or a gap.
    private enum Line {
        case heading(String)
        case binding(keys: String, help: String, role: Role)
        case gap
    }

    static func draw(into grid: inout Grid, context: RenderContext, keyMap: KeyMap) {
        let ui = context.state.ui
        var groups = grouped(keyMap.bindings(for: .normal, readOnly: ui.readOnly).filter { !$0.isHidden(in: context.state) }).map { group, items in
            [Line.heading(group)] + lines(items)
        }
        if ui.readOnly {
            groups.append([.binding(keys: "read-only", help: "changes are disabled", role: .warn)])
        }
        let keyWidth = min(16, groups.joined().map { line -> Int in
            if case .binding(let keys, _, _) = line { return TextFit.width(keys) }
            return 0
        }.max() ?? 0)

        let oneColumn = Array(groups.joined(separator: [Line.gap]))
        let maxInner = grid.size.rows - 4
        let columns = oneColumn.count > maxInner && grid.size.cols >= 2 * (keyWidth + 20) ? split(groups, height: maxInner) : [oneColumn]
        let columnWidth = columns.count == 1 ? keyWidth + 46 : (grid.size.cols - 5) / 2
        let width = min(grid.size.cols - 2, columns.count == 1 ? max(44, columnWidth + 2) : 2 * columnWidth + 4)
        let height = min(grid.size.rows - 2, (columns.map(\.count).max() ?? 0) + 2)
        guard width > 10, height > 2 else { return }
        let rect = Rect(x: (grid.size.cols - width) / 2, y: max(1, (grid.size.rows - height) / 2), width: width, height: height)
        let inner = Box.draw(rect, into: &grid, context: context, title: "Help · Esc closes", titleRole: .accent, badge: nil, badgeRole: .muted, focused: true)
        for (index, column) in columns.enumerated() {
            let x = inner.x + index * (columnWidth + 2)
            let room = index == columns.count - 1 ? inner.maxX - x : columnWidth
            draw(column, into: &grid, x: x, y: inner.y, width: room, height: inner.height, keyWidth: keyWidth, context: context)
        }
    }

    private static func draw(_ lines: [Line], into grid: inout Grid, x: Int, y: Int, width: Int, height: Int, keyWidth: Int, context: RenderContext) {
        let ellipsis = context.glyphs.ellipsis
        for (offset, line) in lines.prefix(height).enumerated() {
            switch line {
            case .heading(let title):
                grid.write(title, x: x + 1, y: y + offset, style: context.style(.accent).adding(.bold), maxWidth: width - 1)
            case .binding(let keys, let help, let role):
                grid.write(TextFit.pad(keys, keyWidth, ellipsis: ellipsis), x: x + 2, y: y + offset, style: context.style(role == .warn ? .warn : .accent))
                let helpWidth = width - keyWidth - 4
                grid.write(TextFit.truncate(help, helpWidth, ellipsis: ellipsis), x: x + 3 + keyWidth, y: y + offset, style: context.style(role), maxWidth: helpWidth)
            case .gap:
                break
            }
        }
    }

    /// One line per binding, except the pane focus keys: one line ("1-6 focus a pane by its number"), since
    /// the title bar names each number's pane and every line saved keeps help on one 80×24 screen.
    private static func lines(_ bindings: [Binding]) -> [Line] {
        let focusKeys = bindings.filter { if case .focus = $0.action { return true } else { return false } }.map(\.keyLabel)
        var lines: [Line] = []
        let probeKeys = bindings.filter { if case .probe = $0.action { return true } else { return false } }.map(\.keyLabel)
        for binding in bindings {
            if case .probe = binding.action {
                // The tracer's three writes share a line too: "i/u/d  write the probe (asks)".
                guard binding.keyLabel == probeKeys.first else { continue }
                lines.append(.binding(keys: probeKeys.joined(separator: "/"), help: probeHelp, role: .text))
                continue
            }
            if case .focus = binding.action {
                guard binding.keyLabel == focusKeys.first else { continue }
                let keys = focusKeys.count > 1 ? "\(focusKeys[0])-\(focusKeys[focusKeys.count - 1])" : focusKeys[0]
                lines.append(.binding(keys: keys, help: focusHelp, role: .text))
            } else {
                lines.append(.binding(keys: binding.keyLabel, help: binding.help, role: .text))
            }
        }
        return lines
    }

    static let focusHelp = "focus pane by number"
    static let probeHelp = "write the probe (asks)"

    /// Bindings by their group, groups in the order they first appear.
    private static func grouped(_ bindings: [Binding]) -> [(String, [Binding])] {
        var groups: [(String, [Binding])] = []
        for binding in bindings {
            if let i = groups.firstIndex(where: { $0.0 == binding.group }) {
                groups[i].1.append(binding)
            } else {
                groups.append((binding.group, [binding]))
            }
        }
        return groups
    }

    /// Two columns: whole groups, in order, go left while they fit in `height` (a later small group may
    /// still fill the left's last rows), the rest go right.
    private static func split(_ groups: [[Line]], height: Int) -> [[Line]] {
        var left: [Line] = [], right: [Line] = []
        for group in groups {
            if left.count + (left.isEmpty ? 0 : 1) + group.count <= height {
                left += (left.isEmpty ? [] : [.gap]) + group
            } else {
                right += (right.isEmpty ? [] : [.gap]) + group
            }
        }
        return right.isEmpty ? [left] : [left, right]
    }
}
