/// One ASCII character for any scalar, for terminals whose locale is not UTF-8.
///
/// `Glyphs.ascii` covers what eltop draws itself (borders, dots, sparklines); this covers the rest: text
/// in panes ("·", "—", "…", "≥", "✗", arrows in help) and whatever names the systems send. ncursesw
/// would print those as `~V~G` mojibake, which is worse than a plain substitute. `render` applies it
/// to the whole frame when drawing with the ASCII glyphs, so a frame (and a golden) in ASCII is ASCII.
public enum AsciiFallback {
    public static func scalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII { return s }
        switch s {
        case "─", "━", "—", "–", "‒", "·", "•": return "-"
        case "│", "┃": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "…": return "."
        case "↑": return "^"
        case "↓": return "v"
        case "←": return "<"
        case "→", "▶": return ">"
        // "at least" and "at most" keep their direction; the column stays one cell wide.
        case "≥": return ">"
        case "≤": return "<"
        case "●": return "*"
        case "◌", "○": return "o"
        case "✖", "✗", "×": return "x"
        case "✓", "✔": return "v"
        case "█", "▇", "▆", "▅": return "#"
        case "▄", "▃": return "="
        case "▂", "▁": return "_"
        case "\u{A0}": return " "
        default: return "?"
        }
    }
}
