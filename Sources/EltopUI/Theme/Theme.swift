/// A theme: a style for every role. Loaded from `themes/*.yaml` by `ThemeFile`; the built-in default
/// is used for tests and as the fallback for roles a file leaves out.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: Role) -> Style {
        styles[role] ?? Theme.builtIn.styles[role] ?? Style(role: role, foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    }

    /// The same roles with every colour removed: what `NO_COLOR` and the `mono` theme draw with.
    public var withoutColor: Theme {
        Theme(name: name, styles: styles.mapValues { style in
            var s = style
            s.foreground = .terminalDefault
            s.background = .terminalDefault
            return s
        })
    }

    /// The theme compiled into the binary, equal to `themes/default.yaml`, so eltop draws even when
    /// the theme files are missing.
    public static let builtIn: Theme = {
        func s(_ role: Role, _ fg: UInt8?, _ fg8: UInt8?, _ attrs: TextAttributes = [], bg: UInt8? = nil, bg8: UInt8? = nil) -> (Role, Style) {
            (role, Style(role: role, foreground: ColorSpec(xterm256: fg, ansi8: fg8), background: ColorSpec(xterm256: bg, ansi8: bg8), attributes: attrs))
        }
        return Theme(name: "default", styles: Dictionary(uniqueKeysWithValues: [
            s(.text, nil, nil),
            s(.ok, 77, 2),
            s(.warn, 214, 3, .bold),
            s(.crit, 203, 1, .bold),
            s(.stale, 244, 7, .dim),
            s(.accent, 75, 6, .bold),
            s(.border, 240, 4),
            s(.title, 255, 7, .bold, bg: 24, bg8: 4),
            s(.selection, 255, 7, .reverse),
            s(.muted, 245, 7, .dim),
        ]))
    }()
}
