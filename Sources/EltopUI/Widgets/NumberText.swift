import EltopCore
import Foundation

/// Compact figures for narrow columns: bytes in binary units, counts with k/M/G.
public enum NumberText {
    public static func bytes(_ value: Int64?) -> String {
        guard let value else { return "—" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var v = Double(value.magnitude)
        var i = 0
        while v >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        let sign = value < 0 ? "-" : ""
        return i == 0 ? "\(sign)\(Int(v)) B" : sign + String(format: v < 10 ? "%.1f %@" : "%.0f %@", v, units[i])
    }

    public static func count(_ value: Int64?) -> String {
        guard let value else { return "—" }
        let v = Double(value.magnitude)
        let sign = value < 0 ? "-" : ""
        switch v {
        case ..<10_000: return "\(value)"
        case ..<1_000_000: return sign + String(format: "%.1fk", v / 1e3)
        case ..<1_000_000_000: return sign + String(format: "%.1fM", v / 1e6)
        default: return sign + String(format: "%.1fG", v / 1e9)
        }
    }

    /// Seconds with one decimal below a minute, else a short duration.
    public static func seconds(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value < 60 ? String(format: "%.1fs", value) : DurationText.short(value)
    }
}
