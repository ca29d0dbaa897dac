import Foundation

/// Rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes), built straight into bytes.
///
/// Bytes go into an array and become `Data` once per table: appending to `Data` byte by byte is several
/// times slower, and the generator writes megabytes.
struct CopyText {
    private var bytes: [UInt8] = []
    private(set) var rows = 0
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    var data: Data { Data(bytes) }

    mutating func field(_ value: String?) {
        if fieldsInRow > 0 { bytes.append(0x09) }
        fieldsInRow += 1
        guard let value else {
            bytes.append(0x5C)
            bytes.append(0x4E)
            return
        }
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            bytes.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            default: bytes.append(byte)
            }
        }
    }

    mutating func field(_ value: Int) { field(String(value)) }

    mutating func endRow() {
        bytes.append(0x0A)
        rows += 1
        fieldsInRow = 0
    }
}

/// `timestamp without time zone` text for seconds since 1970-01-01 (UTC calendar), without Foundation's
/// formatters: the generator writes tens of thousands of them and must not depend on the machine's zone.
enum SQLTimestamp {
    static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int {
        days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    static func text(_ seconds: Int) -> String {
        let (y, m, d) = civil(fromDays: seconds / 86_400)
        let s = seconds % 86_400
        return "\(y)-\(two(m))-\(two(d)) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    static func date(_ seconds: Int) -> String {
        let (y, m, d) = civil(fromDays: seconds / 86_400)
        return "\(y)-\(two(m))-\(two(d))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Days from civil date (Howard Hinnant's algorithm), for years after 1970.
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
