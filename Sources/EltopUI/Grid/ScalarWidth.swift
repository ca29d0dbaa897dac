/// How many terminal columns a scalar takes: 0 (combining marks, zero-width joiners), 1, or 2 (East Asian
/// wide and emoji). Close to wcwidth for the text a dashboard shows: table names, messages, our glyphs.
public enum ScalarWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        if isNarrowSymbol(v) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(v) { return 2 }
        return 1
    }

    /// Dashes and the ellipsis, arrows and maths, box drawing, blocks, shapes and dingbats: the glyphs a
    /// frame is drawn with, one column each and no mark or format character among them. Answered before
    /// the general category, whose lookup cost more than the rest of writing the cell.
    static func isNarrowSymbol(_ v: UInt32) -> Bool {
        (0x2010...0x2027).contains(v) || (0x2190...0x23FF).contains(v) || (0x2500...0x27BF).contains(v)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
