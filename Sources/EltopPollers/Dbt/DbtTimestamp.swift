import Foundation

/// dbt's timestamps: `2026-11-25T02:47:51.303165Z` in artifacts, the same without `Z` in `node_info`.
/// Both are UTC. Parsed by hand because dbt writes six fractional digits, which the ISO-8601 styles
/// do not all accept, and a wrong guess would silently drop every time in the pane.
enum DbtTimestamp {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<start + length] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let whole = utc.date(from: components) else { return nil }
        var fraction = 0.0
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            var scale = 0.1
            for byte in bytes[20...] {
                guard byte >= 48, byte <= 57 else { break }
                fraction += Double(byte - 48) * scale
                scale /= 10
            }
        }
        return whole.addingTimeInterval(fraction)
    }
}
