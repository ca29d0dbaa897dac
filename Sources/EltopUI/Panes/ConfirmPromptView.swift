import EltopCore

/// The y/N question before an action that changes something; N is the default.
enum ConfirmPromptView {
    static func draw(_ prompt: ConfirmPrompt, into grid: inout Grid, context: RenderContext) {
        let width = min(grid.size.cols - 2, max(40, TextFit.width(prompt.question) + 6))
        let lines = TextFit.wrap(prompt.question, width - 4)
        let height = min(grid.size.rows - 2, lines.count + 4)
        guard width > 10, height > 3 else { return }
        let rect = Rect(x: (grid.size.cols - width) / 2, y: max(1, (grid.size.rows - height) / 2), width: width, height: height)
        let inner = Box.draw(rect, into: &grid, context: context, title: "Confirm", titleRole: .warn, badge: nil, badgeRole: .muted, focused: true)
        for (offset, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            grid.write(line, x: inner.x + 1, y: inner.y + offset, style: context.style(.text), maxWidth: inner.width - 2)
        }
        grid.write("y yes   N no", x: inner.x + 1, y: inner.maxY - 1, style: context.style(.accent), maxWidth: inner.width - 2)
    }
}
