import Foundation

/// Times as a recording shows and takes them: in the recording's own time zone, so "03:12" means what
/// the on-call engineer's screen showed at the time, wherever the replay runs.
public enum RecordingClock {
    /// ISO-8601 with the zone's offset, to the second: how errors and the title bar name a moment.
    public static func iso(_ date: Date, zone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ssXXXXX", zone)
    }

    public static func clock(_ date: Date, zone: TimeZone) -> String {
        format(date, "HH:mm:ss", zone)
    }

    /// "2026-12-02T01:10:00+01:00 to 2026-12-02T03:12:45+01:00": what an error says the recording covers.
    public static func describe(_ span: ClosedRange<Date>, zone: TimeZone) -> String {
        "\(iso(span.lowerBound, zone: zone)) to \(iso(span.upperBound, zone: zone))"
    }

    /// Reads `--at` / `J`'s TIME: ISO-8601 (a time without an offset is in `zone`), or HH:MM[:SS] on
    /// whichever day of the span has that time. A time outside the span, or a clock time the span holds
    /// on two days, is an error naming the span and what to type instead.
    public static func parse(_ text: String, span: ClosedRange<Date>, zone: TimeZone) throws -> Date {
        let text = text.trimmingCharacters(in: .whitespaces)
        let spanText = describe(span, zone: zone)
        if let date = isoDate(text, zone: zone) {
            guard span.contains(date) else {
                throw RecordingError("\(text) is outside the recording, which spans \(spanText)")
            }
            return date
        }
        guard let seconds = clockSeconds(text) else {
            throw RecordingError("\(text) is not a time: give HH:MM[:SS] (in \(zone.identifier)) or ISO-8601 such as \(iso(span.lowerBound, zone: zone))")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: span.lowerBound)
        var matches: [Date] = []
        while day <= span.upperBound {
            if let date = calendar.date(byAdding: .second, value: seconds, to: day), span.contains(date) { matches.append(date) }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw RecordingError("\(text) is outside the recording, which spans \(spanText)")
        default:
            let days = matches.map { iso($0, zone: zone) }.joined(separator: " or ")
            throw RecordingError("\(text) is ambiguous: the recording, which spans \(spanText), passes it \(matches.count) times (\(days)); give the date in ISO-8601")
        }
    }

    private static func clockSeconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s, (0..<60).contains(s) else { return nil }
        return h * 3600 + m * 60 + s
    }

    private static func isoDate(_ text: String, zone: TimeZone) -> Date? {
        let withZone = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            withZone.formatOptions = options
            if let date = withZone.date(from: text) { return date }
        }
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
