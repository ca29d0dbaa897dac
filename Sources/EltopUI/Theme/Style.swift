/// Bold, reverse and friends: what a monochrome terminal has instead of colours.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// A colour as the theme gives it: an xterm-256 index for capable terminals and an ANSI 0–7 fallback.
/// `nil` means the terminal's own default colour.
public struct ColorSpec: Hashable, Sendable {
    public var xterm256: UInt8?
    public var ansi8: UInt8?

    public init(xterm256: UInt8?, ansi8: UInt8?) {
        self.xterm256 = xterm256
        self.ansi8 = ansi8
    }

    public static let terminalDefault = ColorSpec(xterm256: nil, ansi8: nil)
}

/// A resolved cell style: the role it came from (for golden files) and what the theme made of it.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var foreground: ColorSpec
    public var background: ColorSpec
    public var attributes: TextAttributes

    public init(role: Role, foreground: ColorSpec, background: ColorSpec, attributes: TextAttributes) {
        self.role = role
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The same style with extra attributes (a selected row is reverse, a title bold).
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
