import Foundation

/// The public API's times and durations, read leniently.
///
/// `startTime`/`lastUpdatedAt` are Java's `OffsetDateTime.toString()` in UTC: seconds are left out when
/// zero (`2025-10-01T23:46Z`) and fractions may appear on other servers; `duration` is ISO-8601
/// (`PT8H6M12S`, possibly with days or fractional seconds).
enum AirbyteTime {
    static func date(_ text: String?) -> Date? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.hasSuffix("Z") { text.removeLast(); text += "+00:00" }
        // Split off the offset (+hh:mm / -hh:mm after the time part).
        guard let tIndex = text.firstIndex(of: "T") else { return nil }
        let timeAndOffset = text[text.index(after: tIndex)...]
        let signIndex = timeAndOffset.lastIndex { $0 == "+" || $0 == "-" }
        let timeText = signIndex.map { String(timeAndOffset[..<$0]) } ?? String(timeAndOffset)
        let offsetText = signIndex.map { String(timeAndOffset[$0...]) } ?? "+00:00"
        let dateParts = text[..<tIndex].split(separator: "-").compactMap { Int($0) }
        let timeParts = timeText.split(separator: ":")
        guard dateParts.count == 3, timeParts.count >= 2, let hour = Int(timeParts[0]), let minute = Int(timeParts[1]) else { return nil }
        let seconds = timeParts.count > 2 ? Double(timeParts[2]) ?? 0 : 0
        let offsetParts = offsetText.dropFirst().split(separator: ":").compactMap { Int($0) }
        let offsetSeconds = (offsetParts.first ?? 0) * 3600 + (offsetParts.count > 1 ? offsetParts[1] * 60 : 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: dateParts[0], month: dateParts[1], day: dateParts[2], hour: hour, minute: minute)
        guard let base = calendar.date(from: components) else { return nil }
        let sign: Double = offsetText.hasPrefix("-") ? -1 : 1
        return base.addingTimeInterval(seconds - sign * Double(offsetSeconds))
    }

    /// Seconds in an ISO-8601 duration (`P1DT2H3M4.5S`); nil when it is not one.
    static func seconds(_ text: String?) -> Double? {
        guard let text = text?.uppercased(), text.hasPrefix("P") else { return nil }
        var total = 0.0
        var number = ""
        var inTime = false
        for character in text.dropFirst() {
            if character == "T" {
                inTime = true
                continue
            }
            if character.isNumber || character == "." || character == "-" {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            switch (character, inTime) {
            case ("W", false): total += value * 604_800
            case ("D", false): total += value * 86_400
            case ("H", true): total += value * 3600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: return nil
            }
        }
        return number.isEmpty ? total : nil
    }

    static func epoch(_ seconds: Int64?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
}
