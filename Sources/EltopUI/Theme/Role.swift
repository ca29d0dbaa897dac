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
}
