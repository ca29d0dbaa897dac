import EltopCore

/// What `eltop replay` shows of itself: where in the recording it is and how it plays.
public struct ReplayStatus: Equatable, Sendable {
    /// The recording's clock at the current position, as the live screen would have read it.
    public var clock: String
    public var playing: Bool
    public var speed: Double
    /// "12:03:04 of 00:10:00–13:12:00".
    public var position: String
    /// Following a file still being written, at its end.
    public var following: Bool
    /// The time being typed after `J`, or nil.
    public var jumpInput: String?
    /// The last thing replay has to say (a jump's error, the damage where the recording stops).
    public var message: String?

    public init(clock: String, playing: Bool, speed: Double, position: String, following: Bool, jumpInput: String?, message: String?) {
        self.clock = clock
        self.playing = playing
        self.speed = speed
        self.position = position
        self.following = following
        self.jumpInput = jumpInput
        self.message = message
    }
}

/// The replay's own title and control bar, drawn over the dashboard's first and last rows: the panes
/// between stay exactly what the live screen showed.
public enum ReplayBar {
    public static func draw(_ status: ReplayStatus, into grid: inout Grid, theme: Theme) {
        let size = grid.size
        guard size.rows >= 2, size.cols >= 10 else { return }
        let title = " REPLAY \(status.clock) "
        let width = TextFit.width(title)
        if size.cols - width > 0 { grid.write(title, x: size.cols - width, y: 0, style: theme.style(.warn).adding(.reverse)) }

        let y = size.rows - 1
        let bar = Rect(x: 0, y: y, width: size.cols, height: 1)
        grid.fill(bar, style: theme.style(.muted))
        var x = 1
        let state = status.playing ? "▶ \(speedText(status.speed))" : "⏸ paused"
        x += grid.write(state + "  ", x: x, y: y, style: theme.style(.accent).adding(.bold), maxWidth: size.cols - x)
        x += grid.write(status.position + (status.following ? " (following)" : "") + "  ", x: x, y: y, style: theme.style(.text), maxWidth: size.cols - x)
        if let input = status.jumpInput {
            x += grid.write("jump to: " + input + "█  Enter go  Esc cancel", x: x, y: y, style: theme.style(.accent), maxWidth: size.cols - x)
            return
        }
        if let message = status.message {
            x += grid.write(message + "  ", x: x, y: y, style: theme.style(.warn), maxWidth: size.cols - x)
        }
        for (key, hint) in [("Space", "pause"), ("+/-", "speed"), (".", "step"), ("[ ]", "start/end"), ("J", "jump"), ("q", "quit")] {
            guard x + TextFit.width(key + " " + hint) <= size.cols else { break }
            x += grid.write(key, x: x, y: y, style: theme.style(.accent))
            x += grid.write(" " + hint + "  ", x: x, y: y, style: theme.style(.muted), maxWidth: size.cols - x)
        }
    }

    static func speedText(_ speed: Double) -> String {
        speed >= 1 ? "\(Int(speed))×" : "1/\(Int((1 / speed).rounded()))×"
    }
}
