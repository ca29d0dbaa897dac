/// A grid as text a reviewer can read in a diff: the glyph lines framed by `|` so trailing spaces show,
/// then the same grid with one letter per role (see `Role.letter`).
public enum GoldenText {
    public static func render(_ grid: Grid) -> String {
        var out = "glyphs \(grid.size.cols)x\(grid.size.rows)\n"
        for line in grid.lines() { out += "|" + line + "|\n" }
        out += "roles\n"
        for y in 0..<grid.size.rows {
            var line = "|"
            for x in 0..<grid.size.cols where !grid[x, y].isContinuation {
                line.append(grid[x, y].style.role.letter)
            }
            out += line + "|\n"
        }
        return out
    }
}
