import EltopCore

/// A bordered box with a title on the top edge and an optional badge at its right end.
public enum Box {
    /// Draws the border and returns the inner rectangle. `clear: false` leaves the inside as it is,
    /// for a box drawn where nothing was drawn yet (a pane on a fresh grid, already blank in the text
    /// style); an overlay clears what it covers.
    @discardableResult
    public static func draw(
        _ rect: Rect, into grid: inout Grid, context: RenderContext, title: String, titleRole: Role,
        badge: String?, badgeRole: Role, focused: Bool, clear: Bool = true
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = context.glyphs
        let border = context.style(focused ? .accent : .border)
        if clear { grid.fill(rect, style: context.style(.text)) }
        for x in rect.x + 1..<rect.maxX - 1 {
            grid.set(x, rect.y, g.horizontal, border)
            grid.set(x, rect.maxY - 1, g.horizontal, border)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            grid.set(rect.x, y, g.vertical, border)
            grid.set(rect.maxX - 1, y, g.vertical, border)
        }
        grid.set(rect.x, rect.y, g.topLeft, border)
        grid.set(rect.maxX - 1, rect.y, g.topRight, border)
        grid.set(rect.x, rect.maxY - 1, g.bottomLeft, border)
        grid.set(rect.maxX - 1, rect.maxY - 1, g.bottomRight, border)

        let room = rect.width - 4
        var badgeWidth = 0
        if let badge, room > 12 {
            let text = " " + TextFit.truncate(badge, min(room / 2, TextFit.width(badge)), ellipsis: g.ellipsis) + " "
            badgeWidth = TextFit.width(text)
            grid.write(text, x: rect.maxX - 2 - badgeWidth, y: rect.y, style: context.style(badgeRole))
        }
        let titleText = " " + fitTitle(title, max(0, room - badgeWidth - 3), ellipsis: g.ellipsis) + " "
        var titleStyle = context.style(titleRole)
        if focused { titleStyle = titleStyle.adding(.bold) }
        grid.write(titleText, x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: max(0, room - badgeWidth))
        return rect.inset(1)
    }

    /// The title cut to `width`: whole " · " parts are dropped from the right first ("1 Source · replication
    /// slots" becomes "1 Source"), so a narrow pane keeps a readable name instead of "1 Source · rep…".
    static func fitTitle(_ title: String, _ width: Int, ellipsis: String) -> String {
        if TextFit.width(title) <= width { return title }
        // Where each " · " starts, left to right, found in the bytes: splitting and joining the parts
        // (Foundation's or the standard library's searchers) cost more than the rest of the box.
        let separator: [UInt8] = Array(" · ".utf8)
        let bytes = title.utf8
        var partEnds: [String.Index] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index...].starts(with: separator) {
                partEnds.append(index)
                index = bytes.index(index, offsetBy: separator.count)
            } else {
                index = bytes.index(after: index)
            }
        }
        var kept = title[...]
        while !partEnds.isEmpty, TextFit.width(String(kept)) > width { kept = title[..<partEnds.removeLast()] }
        return TextFit.truncate(String(kept), width, ellipsis: ellipsis)
    }
}
