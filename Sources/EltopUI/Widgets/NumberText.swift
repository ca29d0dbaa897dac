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
        return i == 0 ? "\(sign)\(Int(v)) B" : sign + (v < 10 ? oneDecimal(v) : String(Int(v.rounded()))) + " " + units[i]
    }

    public static func count(_ value: Int64?) -> String {
        guard let value else { return "—" }
        let v = Double(value.magnitude)
        let sign = value < 0 ? "-" : ""
        switch v {
        case ..<10_000: return "\(value)"
        case ..<1_000_000: return sign + oneDecimal(v / 1e3) + "k"
        case ..<1_000_000_000: return sign + oneDecimal(v / 1e6) + "M"
        default: return sign + oneDecimal(v / 1e9) + "G"
        }
    }

    /// Seconds with one decimal below a minute, else a short duration.
    public static func seconds(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value < 60 ? oneDecimal(value) + "s" : DurationText.short(value)
    }

    /// `v` with one decimal, rounded half up ("9.96" → "10.0"). Hand-made because `String(format:)`
    /// dominated the render profile: it runs for every figure of every row of every frame.
    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
