import EltopCore
import Foundation

/// How far the open detail view can scroll: its wrapped rows minus the rows it has on screen.
///
/// The reducer cannot know this (wrapping is the renderer's business), so the runtime measures it after
/// each frame and tells the store with `Event.detailMeasured`; the scroll keys then stop at the bottom
/// instead of piling up presses the screen does not show.
public func detailScrollLimit(_ state: DashboardState, size: Size, glyphs: Glyphs = .unicode, timeZone: TimeZone = .current) -> Int {
    guard state.ui.detailVisible else { return 0 }
    let pane = state.ui.focus
    guard let rect = DashboardLayout(size: size, focus: pane, detail: true).panes[pane] else { return 0 }
    let context = RenderContext(state: state, theme: .builtIn, glyphs: glyphs, timeZone: timeZone)
    let body = PaneFrame.detailRect(pane, rect: rect, context: context)
    guard body.width > 0, body.height > 0 else { return 0 }
    return DetailView.scrollLimit(PaneTable.content(pane).detail(context), rect: body)
}
