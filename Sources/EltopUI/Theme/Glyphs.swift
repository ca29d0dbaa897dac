/// The characters the dashboard draws with. Under a non-UTF-8 locale ncursesw prints mojibake for
/// anything outside ASCII, so eltop switches to the ASCII set by itself.
public struct Glyphs: Equatable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Unicode.Scalar
    public var ellipsis: String
    /// Sparkline levels, lowest first.
    public var sparkline: [Unicode.Scalar]
    /// Status marks: ok/warn/crit, stale, error, unconfigured.
    public var statusDot, staleDot, errorMark, emptyDot: String
    public var arrow: String
    public var selectionMark: String
    /// After the title of the column a table is sorted by.
    public var sortMark: String
    /// True for the ASCII set: `render` then makes every glyph of the frame ASCII, text included.
    public var asciiOnly = false

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        statusDot: "●", staleDot: "◌", errorMark: "✖", emptyDot: "○", arrow: "→", selectionMark: "▶", sortMark: "↓")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"],
        statusDot: "*", staleDot: "o", errorMark: "x", emptyDot: "-", arrow: "->", selectionMark: ">", sortMark: "v",
        asciiOnly: true)
}
