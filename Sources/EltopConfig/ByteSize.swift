import Foundation

/// A size in bytes as a person writes it: `1073741824`, `512MB`, `1GiB`, `1.5 GB`. Units are binary
/// (as PostgreSQL's own `MB`/`GB` settings are): kB/KiB = 1024, MB/MiB = 1024², GB/GiB, TB/TiB.
enum ByteSize {
    static let rule = "a size must be a number of bytes, optionally with a unit (kB, MB, GB, TB; KiB, MiB, GiB, TiB)"

    static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number.isFinite, number > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Double] = [
            "": 1, "b": 1, "kb": 1024, "kib": 1024, "mb": 1_048_576, "mib": 1_048_576, "gb": 1_073_741_824,
            "gib": 1_073_741_824, "tb": 1_099_511_627_776, "tib": 1_099_511_627_776,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let bytes = number * multiplier
        return bytes < Double(Int64.max) ? Int64(bytes) : nil
    }
}

extension YAMLSection {
    /// A byte size (see `ByteSize`); anything else is an error at the key.
    func byteSize(_ key: String) -> Int64? {
        guard let text = string(key) else { return nil }
        if let bytes = ByteSize.parse(text) { return bytes }
        context.error(ByteSize.rule, at: context.origin(of: fullKey(key)), key: fullKey(key), hint: "e.g. `\(key): 1GiB`")
        return nil
    }
}
