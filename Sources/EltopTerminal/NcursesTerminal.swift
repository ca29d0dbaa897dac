import CNcursesw
import EltopCore
import EltopUI

/// The real terminal: writes frames through ncurses, changed cells only, and reads keys.
///
/// It keeps the last frame it showed and writes only the runs `diff(from:to:)` finds, then one
/// `wnoutrefresh` + `doupdate`. It never clears per frame. A frame equal to the last one writes nothing
/// at all (no `doupdate`), so an idle dashboard sends 0 bytes. After `invalidate()` (resize, theme change)
/// the next frame is written whole and ncurses is told, once, that the screen is unknown (`clearok`).
public final class NcursesTerminal: Terminal {
    private let session: TerminalSession
    private var shown: Grid?
    private var palette: ColorPalette
    private var screenUnknown = true
    private var buffer: [wchar_t] = []

    public init(session: TerminalSession) {
        self.session = session
        palette = ColorPalette(colorCount: session.colorCount, pairLimit: Int(eltop_color_pairs()), hasDefaultColors: session.hasDefaultColors)
    }

    public var size: Size { session.size }

    public func present(_ grid: Grid) {
        guard grid != shown else { return }
        if screenUnknown {
            clearok(session.window, true)
            screenUnknown = false
        }
        for run in diff(from: shown, to: grid) { write(run) }
        shown = grid
        wnoutrefresh(session.window)
        doupdate()
    }

    public func setClipboard(_ text: String) {
        session.writeBeside(OSC52.sequence(copying: text))
    }

    /// True while the last frame is still on its way to a terminal nobody reads; `notice` runs once it
    /// has arrived. The presenter draws nothing new meanwhile, so at most one frame waits.
    public func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool {
        session.deliveryPending(then: notice)
    }

    public func invalidate() {
        shown = nil
        screenUnknown = true
    }

    /// Forgets colour pairs and repaints: call when the theme changes.
    public func themeChanged() {
        palette.reset()
        invalidate()
    }

    /// Every key typed since the last call, without waiting (the window is in nodelay mode). The app loop
    /// calls this when `StdinWatcher` says input is ready, so ncurses is only ever called from the loop.
    public func readInput() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var code: wint_t = 0
        // Bounded so a flood of pasted text cannot hold the loop; what is left is read next time.
        for _ in 0..<256 {
            let status = wget_wch(session.window, &code)
            if status == ERR { break }
            if status == KEY_CODE_YES && Int32(code) == KEY_MOUSE {
                if let mouse = session.readMouse() { inputs.append(.mouse(mouse)) }
                continue
            }
            let raw: RawInput = status == KEY_CODE_YES ? .functionKey(Int32(code)) : .character(UInt32(code))
            if let input = KeyDecoder.decode(raw) { inputs.append(input) }
        }
        return inputs
    }

    /// Reads the window size after SIGWINCH; when it changed, resizes ncurses' screen and forces a full
    /// repaint. An unchanged size does nothing: `resizeterm` queues a KEY_RESIZE that arrives with the next
    /// key, after the SIGWINCH already did the work, and must not cost a second full frame.
    @discardableResult
    public func adoptWindowSize() -> Size {
        let before = session.size
        let size = session.adoptWindowSize()
        if size != before { invalidate() }
        return size
    }

    /// Writes one run as segments of equal style. Continuation cells are skipped (the wide glyph before
    /// them covers both columns), except in ASCII mode, where the glyph became one column and the
    /// continuation must be blanked.
    private func write(_ run: CellRun) {
        let ascii = !session.isUTF8
        var index = 0
        while index < run.cells.count {
            let style = run.cells[index].style
            let startX = run.x + index
            buffer.removeAll(keepingCapacity: true)
            while index < run.cells.count && run.cells[index].style == style {
                let cell = run.cells[index]
                if cell.isContinuation {
                    if ascii { buffer.append(wchar_t(UInt8(ascii: " "))) }
                } else {
                    let glyph = ascii ? AsciiFallback.scalar(cell.glyph) : cell.glyph
                    buffer.append(wchar_t(bitPattern: glyph.value))
                }
                index += 1
            }
            if buffer.isEmpty { continue }
            eltop_put(session.window, Int32(run.y), Int32(startX), buffer, Int32(buffer.count), palette.attributes(style), palette.pair(style))
        }
    }
}
