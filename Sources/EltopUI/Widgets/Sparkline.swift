/// A one-row chart of recent values, scaled from the smallest to the largest value shown.
public enum Sparkline {
    /// The last `width` values as sparkline glyphs. A flat series draws at the lowest level.
    public static func text(_ values: [Double], width: Int, levels: [Unicode.Scalar]) -> String {
        guard width > 0, !values.isEmpty, !levels.isEmpty else { return "" }
        let shown = values.suffix(width)
        let low = shown.min() ?? 0, high = shown.max() ?? 0
        let span = high - low
        var out = String.UnicodeScalarView()
        for v in shown {
            let level = span > 0 ? Int(((v - low) / span * Double(levels.count - 1)).rounded()) : 0
            out.append(levels[max(0, min(levels.count - 1, level))])
        }
        return String(out)
    }
}
