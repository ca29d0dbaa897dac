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
}
