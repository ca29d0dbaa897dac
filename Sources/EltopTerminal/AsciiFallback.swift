/// One ASCII character for any scalar, for terminals whose locale is not UTF-8.
///
/// `Glyphs.ascii` covers what eltop draws itself (borders, dots, sparklines); this covers the rest: text
/// in panes ("·", "—", "…", arrows in help) and whatever names the systems send. ncursesw would print
/// those as `~V~G` mojibake, which is worse than a plain substitute.
enum AsciiFallback {
    static func scalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
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
        case "●": return "*"
        case "◌", "○": return "o"
        case "✖", "×": return "x"
        case "█", "▇", "▆", "▅": return "#"
        case "▄", "▃": return "="
        case "▂", "▁": return "_"
        case "\u{A0}": return " "
        default: return "?"
        }
    }
}
