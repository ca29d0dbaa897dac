/// `y`: the selected row's key to the clipboard, confirmed in the key-hint bar with what it is.
extension DashboardState {
    /// How much of the copied text the confirmation repeats: enough to see it was the right row.
    private static let confirmationLength = 48

    mutating func copySelection() -> [Effect] {
        guard ui.clipboardEnabled else {
            ui.notice = "Copying is off (ui.clipboard: false)."
            return []
        }
        guard let key = copiedKey, !key.value.isEmpty else {
            ui.notice = "Nothing to copy: \(ui.focus.title) lists no row."
            return []
        }
        let text = key.value
        let shown = text.count > Self.confirmationLength ? String(text.prefix(Self.confirmationLength - 1)) + "…" : text
        ui.notice = "Copied" + (key.kind.map { " \($0)" } ?? "") + ": \(shown)"
        return [.copyToClipboard(text)]
    }
}
