/// Keys as the config file spells them: `q`, `R`, `ctrl-b`, `enter`, `shift-tab`, `pgdn`, `space`.
///
/// One key per string and no separator, because `,` and `+` are keys too. Named keys and the `ctrl-`
/// prefix are case-insensitive; a single character is taken as typed, so `r` and `R` stay two keys.
extension Key {
    /// The names a config may use for the keys that are not one character.
    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "space": .character(" "),
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown,
        "home": .home, "end": .end,
    ]

    /// What a spelling may look like, for an error message.
    public static let specForms = "one character (q, R, /), ctrl-LETTER, or one of: enter, esc, tab, shift-tab, backspace, space, up, down, left, right, pgup, pgdn, home, end"

    /// The key a config string names, or nil when it names none.
    public init?(spec: String) {
        if spec.count == 1, let c = spec.first, !c.isWhitespace, c.asciiValue.map({ $0 >= 0x20 && $0 != 0x7F }) ?? true {
            self = .character(c)
            return
        }
        let lower = spec.lowercased()
        if let key = Self.named[lower] {
            self = key
            return
        }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            self = .control(letter)
            return
        }
        return nil
    }

    /// The spelling `init(spec:)` reads back, used in config check's report.
    public var spec: String {
        switch self {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .control(let c): return "ctrl-" + String(c).lowercased()
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .home: return "home"
        case .end: return "end"
        }
    }
}
