/// What a cell means, which a theme turns into colours. Panes speak only in roles, never in colours.
public enum Role: String, CaseIterable, Codable, Sendable {
    case text, ok, warn, crit, stale, accent, border, title, selection, muted

    /// The letter a golden file's style layer uses for this role.
    public var letter: Character {
        switch self {
        case .text: return "."
        case .ok: return "o"
        case .warn: return "w"
        case .crit: return "c"
        case .stale: return "s"
        case .accent: return "a"
        case .border: return "b"
        case .title: return "t"
        case .selection: return "S"
        case .muted: return "m"
        }
    }

    /// The role's place in `allCases`, for tables indexed by role.
    var ordinal: Int {
        switch self {
        case .text: return 0
        case .ok: return 1
        case .warn: return 2
        case .crit: return 3
        case .stale: return 4
        case .accent: return 5
        case .border: return 6
        case .title: return 7
        case .selection: return 8
        case .muted: return 9
        }
    }
}
