import Foundation

/// Short human durations ("45s", "3m", "2h5m", "3d") for ages and timeline text.
public enum DurationText {
    public static func short(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds).rounded(.down))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 == 0 || s >= 600 ? "" : "\(s % 60)s") }
        if s < 86400 { return "\(s / 3600)h" + (s % 3600 / 60 == 0 ? "" : "\(s % 3600 / 60)m") }
        return "\(s / 86400)d" + (s % 86400 / 3600 == 0 ? "" : "\(s % 86400 / 3600)h")
    }

    /// An age in the steps a reader of a healthy figure needs: "<10s", then tens of seconds ("40s"),
    /// minutes ("7m", "2h5m") and hours ("3d2h"), always rounded down so it never claims to be younger.
    /// Used where the exact second would only repaint the terminal at every poll (a fresh badge, an
    /// inactive slot); stale and failing figures keep `short`, to the second.
    public static func coarse(_ seconds: TimeInterval) -> String {
        let s = max(0, seconds)
        return s < 10 ? "<10s" : short(coarseFloor(s))
    }

    /// `seconds` rounded down to its coarse step: 10 s under a minute, a minute under a day, an hour beyond.
    public static func coarseFloor(_ seconds: TimeInterval) -> TimeInterval {
        let s = max(0, seconds).rounded(.down)
        let step = coarseStep(s)
        return (s / step).rounded(.down) * step
    }

    static func coarseStep(_ seconds: TimeInterval) -> TimeInterval {
        seconds < 60 ? 10 : seconds < 86_400 ? 60 : 3_600
    }
}
