import CNcursesw
import EltopUI

/// Turns a `Style` into ncurses attributes and a colour pair, allocating pairs lazily and caching them by
/// (foreground, background), so a theme of a dozen roles costs a dozen pairs.
///
/// The colour depth follows the terminal: xterm-256 indexes when it has 256 colours, the ANSI 0–7 fallback
/// when it has 8, attributes only below that (a monochrome terminal still shows bold and reverse).
struct ColorPalette {
    enum Depth {
        case xterm256, ansi8, attributesOnly
    }

    let depth: Depth
    private let hasDefaultColors: Bool
    private let pairLimit: Int
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(colorCount: Int, pairLimit: Int, hasDefaultColors: Bool) {
        depth = colorCount >= 256 ? .xterm256 : colorCount >= 8 ? .ansi8 : .attributesOnly
        self.pairLimit = pairLimit
        self.hasDefaultColors = hasDefaultColors
    }

    func attributes(_ style: Style) -> attr_t {
        var attrs = eltop_a_normal()
        let a = style.attributes
        if a.contains(.bold) { attrs |= eltop_a_bold() }
        if a.contains(.dim) { attrs |= eltop_a_dim() }
        if a.contains(.reverse) { attrs |= eltop_a_reverse() }
        if a.contains(.underline) { attrs |= eltop_a_underline() }
        if a.contains(.italic) { attrs |= eltop_a_italic() }
        return attrs
    }

    /// The pair for the style's colours; 0 (the terminal's colours) when both are default, colour is
    /// off, or the terminal has no pairs left.
    mutating func pair(_ style: Style) -> Int32 {
        guard depth != .attributesOnly else { return 0 }
        let key = PairKey(foreground: color(style.foreground, fallback: COLOR_WHITE), background: color(style.background, fallback: COLOR_BLACK))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < pairLimit, init_extended_pair(nextPair, key.foreground, key.background) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return pairs[key]!
    }

    /// Forgets every pair, for a theme change.
    mutating func reset() {
        pairs = [:]
        nextPair = 1
    }

    /// The ncurses colour number for a spec at this depth; -1 is the terminal's own colour, or
    /// `fallback` when the terminal cannot keep its own colour.
    private func color(_ spec: ColorSpec, fallback: Int32) -> Int32 {
        let index: UInt8?
        switch depth {
        case .xterm256: index = spec.xterm256 ?? spec.ansi8
        case .ansi8: index = spec.ansi8
        case .attributesOnly: index = nil
        }
        if let index { return Int32(index) }
        return hasDefaultColors ? -1 : fallback
    }
}
