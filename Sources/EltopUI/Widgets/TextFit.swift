/// Fitting text into columns: truncation with an ellipsis, padding, and word wrapping.
public enum TextFit {
    /// Display width of `text` in columns.
    public static func width(_ text: String) -> Int {
        // Printable ASCII is one column a byte: a byte scan instead of decoding every scalar.
        if isPrintableASCII(text) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + ScalarWidth.of($1) }
    }

    /// True when every byte is printable ASCII, one column each.
    static func isPrintableASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    /// `text` cut to `width` columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, _ width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        let ascii = isPrintableASCII(text)
        if (ascii ? text.utf8.count : self.width(text)) <= width { return text }
        let room = width - self.width(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(width)) }
        // ASCII keeps its first `room` bytes, one column each: no scalar-by-scalar rebuilding.
        if ascii { return String(decoding: text.utf8.prefix(room), as: UTF8.self) + ellipsis }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let w = ScalarWidth.of(scalar)
            if used + w > room { break }
            out.append(scalar)
            used += w
        }
        return String(out) + ellipsis
    }

    /// `text` padded or truncated to exactly `width` columns.
    public static func pad(_ text: String, _ width: Int, alignRight: Bool = false, ellipsis: String) -> String {
        let cut = truncate(text, width, ellipsis: ellipsis)
        let gap = String(repeating: " ", count: max(0, width - self.width(cut)))
        return alignRight ? gap + cut : cut + gap
    }

    /// Words wrapped into lines of at most `width` columns; over-long words are cut.
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // The line's width is kept as words are added (a width is the sum of its scalars' widths),
            // not measured again for every word.
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                let w = String(word)
                let wordWidth = self.width(w)
                if line.isEmpty {
                    line = w
                    lineWidth = wordWidth
                } else if lineWidth + 1 + wordWidth <= width {
                    line += " " + w
                    lineWidth += 1 + wordWidth
                } else {
                    lines.append(line)
                    line = w
                    lineWidth = wordWidth
                }
                while lineWidth > width {
                    let head = truncate(line, width, ellipsis: "")
                    lines.append(head)
                    line = String(line.unicodeScalars.dropFirst(head.unicodeScalars.count))
                    lineWidth = self.width(line)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
