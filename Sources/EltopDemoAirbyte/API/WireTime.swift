import Foundation

/// Times as the real server writes them.
enum WireTime {
    /// Java's `OffsetDateTime.toString()` in UTC, what the public API's `startTime` and `lastUpdatedAt`
    /// hold: `2025-10-01T23:46:05Z`, and `2025-10-01T23:46Z` when the seconds are zero.
    static func java(_ epochSeconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(epochSeconds))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let base = String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
        return base + (c.second == 0 ? "" : String(format: ":%02d", c.second!)) + "Z"
    }

    /// ISO-8601 duration as Java's `Duration.toString()`: `PT8H6M12S`, `PT0S`.
    static func duration(seconds: Int64) -> String {
        let s = max(0, seconds)
        var text = "PT"
        if s >= 3600 { text += "\(s / 3600)H" }
        if s % 3600 >= 60 { text += "\(s % 3600 / 60)M" }
        if s % 60 > 0 || s == 0 { text += "\(s % 60)S" }
        return text
    }

    /// A query's date-time (`2025-10-01T23:46:05Z`, with or without fractions), as epoch seconds.
    static func parse(_ text: String) -> Int64? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
