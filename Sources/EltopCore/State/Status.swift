/// How an area is doing, as the dashboard colours it and `snapshot --json` names it.
///
/// The raw values are a documented interface (docs/snapshot.md): do not rename them.
public enum Status: String, Codable, Sendable, Comparable {
    case ok, warn, crit, stale, error, unconfigured

    /// Ordering by how much attention it asks for; used to pick the worst of several.
    private var rank: Int {
        switch self {
        case .unconfigured: return 0
        case .ok: return 1
        case .stale: return 2
        case .warn: return 3
        case .error: return 4
        case .crit: return 5
        }
    }

    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
}

/// How bad the *data* of an area looks, independent of whether the data is fresh.
public enum Severity: String, Codable, Sendable, Comparable {
    case ok, warn, crit

    private var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    public var status: Status {
        switch self {
        case .ok: return .ok
        case .warn: return .warn
        case .crit: return .crit
        }
    }
}
