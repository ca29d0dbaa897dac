import EltopCore
import Foundation

/// Draws the whole dashboard for `state` into a fresh grid: a pure function of its arguments.
///
/// No clock and no globals: time is `state.now`, so the same state always gives the same frame, and
/// the terminal can skip writing a frame equal to the last one.
public func render(
    _ state: DashboardState, size: Size, theme: Theme, glyphs: Glyphs = .unicode,
    keyMap: KeyMap = .standard, timeZone: TimeZone = .current
) -> Grid {
    let context = RenderContext(state: state, theme: theme, glyphs: glyphs, timeZone: timeZone)
    var grid = Grid(size: size, style: theme.style(.text))
    let layout = DashboardLayout(size: size, focus: state.ui.focus, detail: state.ui.detailVisible, shown: state.shownPanes)
    TitleBar.draw(into: &grid, rect: layout.titleBar, context: context)
    for pane in PaneID.allCases {
        guard let rect = layout.panes[pane] else { continue }
        let focused = pane == state.ui.focus
        PaneFrame.draw(pane, rect: rect, into: &grid, context: context, focused: focused, detail: focused && state.ui.detailVisible)
    }
    KeyHintBar.draw(into: &grid, rect: layout.keyBar, context: context, keyMap: keyMap)
    if state.ui.helpVisible { HelpOverlay.draw(into: &grid, context: context, keyMap: keyMap) }
    if let prompt = state.ui.prompt { ConfirmPromptView.draw(prompt, into: &grid, context: context) }
    if glyphs.asciiOnly { grid.makeASCII() }
    return grid
}
