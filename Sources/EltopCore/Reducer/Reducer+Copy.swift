/// `y`: the selected row's text to the clipboard, confirmed in the key-hint bar.
extension DashboardState {
    /// How much of the copied text the confirmation repeats: enough to see it was the right row.
    private static let confirmationLength = 48

    mutating func copySelection() -> [Effect] {
        guard ui.clipboardEnabled else {
            ui.notice = "Copying is off (ui.clipboard: false)."
            return []
        }
        guard let text = copyText, !text.isEmpty else {
            ui.notice = "Nothing to copy: \(ui.focus.title) lists no row."
            return []
        }
        let shown = text.count > Self.confirmationLength ? String(text.prefix(Self.confirmationLength - 1)) + "…" : text
        ui.notice = "Copied: \(shown)"
        return [.copyToClipboard(text)]
    }
}
