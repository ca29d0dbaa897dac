import EltopCore

/// A mouse event as the terminal reported it, in cells from the top left.
public struct MouseInput: Equatable, Sendable {
    public enum Button: Equatable, Sendable {
        case press, wheelUp, wheelDown
    }

    public var x: Int
    public var y: Int
    public var button: Button

    public init(x: Int, y: Int, button: Button) {
        self.x = x
        self.y = y
        self.button = button
    }
}

/// What a click or a wheel turn means under `--mouse`: a press focuses the pane under the pointer, the
/// wheel focuses it and moves its selection (or scrolls its open detail view) one row. Found through
/// the same `DashboardLayout` the frame was drawn with, so a click lands where the pane is on screen.
/// Only in the normal mode: with help, a filter being typed or a y/N prompt open, the keys decide.
public enum MouseDispatch {
    public static func actions(for input: MouseInput, state: DashboardState) -> [Action] {
        guard state.ui.mode == .normal else { return [] }
        let layout = DashboardLayout(size: state.ui.size, focus: state.ui.focus, detail: state.ui.detailVisible)
        guard let pane = PaneID.allCases.first(where: { layout.panes[$0]?.contains(x: input.x, y: input.y) ?? false }) else { return [] }
        var actions: [Action] = pane == state.ui.focus ? [] : [.focus(pane)]
        switch input.button {
        case .press: break
        case .wheelUp: actions.append(.scroll(.up))
        case .wheelDown: actions.append(.scroll(.down))
        }
        return actions
    }
}

extension Rect {
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
