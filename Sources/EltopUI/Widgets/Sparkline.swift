/// A one-row chart of recent values, scaled from the smallest to the largest value shown.
public enum Sparkline {
    /// The last `width` values as sparkline glyphs. A flat series draws at the lowest level.
    public static func text(_ values: [Double], width: Int, levels: [Unicode.Scalar]) -> String {
        guard width > 0, !values.isEmpty, !levels.isEmpty else { return "" }
        let shown = values.suffix(width)
        let low = shown.min() ?? 0, high = shown.max() ?? 0
        let span = high - low
        // Built as UTF-8 bytes: appending scalars to a string one by one cost more than the chart's arithmetic.
        var out: [UInt8] = []
        out.reserveCapacity(shown.count * 3)
        for v in shown {
            let level = span > 0 ? Int(((v - low) / span * Double(levels.count - 1)).rounded()) : 0
            UTF8.encode(levels[max(0, min(levels.count - 1, level))]) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
