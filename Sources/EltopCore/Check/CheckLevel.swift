/// A Nagios plugin state. Ordered by which one wins when findings disagree: CRITICAL over UNKNOWN
/// over WARNING over OK, so an unreachable Airbyte never hides a lost slot, and an unknown area is
/// never reported as merely a warning.
public enum CheckLevel: String, Codable, Sendable, Comparable, CaseIterable {
    case ok = "OK", warning = "WARNING", unknown = "UNKNOWN", critical = "CRITICAL"

    private var rank: Int {
        switch self {
        case .ok: return 0
        case .warning: return 1
        case .unknown: return 2
        case .critical: return 3
        }
    }

    public static func < (a: CheckLevel, b: CheckLevel) -> Bool { a.rank < b.rank }

    /// The plugin's exit status (the first four rows of `CommandExitCode`).
    public var exitStatus: Int32 {
        switch self {
        case .ok: return 0
        case .warning: return 1
        case .critical: return 2
        case .unknown: return 3
        }
    }

    public init(_ severity: Severity) {
        switch severity {
        case .ok: self = .ok
        case .warn: self = .warning
        case .crit: self = .critical
        }
    }
}

/// One thing `eltop check` found, in one area.
public struct CheckFinding: Codable, Equatable, Sendable {
    public var feed: Feed
    public var level: CheckLevel
    public var text: String

    public init(_ feed: Feed, _ level: CheckLevel, _ text: String) {
        self.feed = feed
        self.level = level
        self.text = text
    }
}

/// One Nagios performance datum: `'label'=value[unit];warn;crit`.
public struct PerfDatum: Codable, Equatable, Sendable {
    public var label: String
    public var value: Double
    /// `B`, `s` or empty.
    public var unit: String
    public var warn: Double?
    public var crit: Double?

    public init(_ label: String, _ value: Double, unit: String = "", warn: Double? = nil, crit: Double? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.warn = warn
        self.crit = crit
    }

    /// The datum as plugins write it; a label with anything but letters, digits and `_.-` is quoted.
    public var text: String {
        let plain = label.allSatisfy { $0.isLetter || $0.isNumber || "_.-".contains($0) }
        let name = plain ? label : "'" + label.replacingOccurrences(of: "'", with: "''") + "'"
        return "\(name)=\(Self.number(value))\(unit);\(warn.map(Self.number) ?? "");\(crit.map(Self.number) ?? "")"
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.3f", v)
    }
}
