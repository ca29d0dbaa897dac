import Foundation

/// A duration given on the command line (`--timeout 30s`): a number with an optional unit `s`, `m`
/// or `h` ("90", "90s", "1.5m", "2h"). Greater than zero.
public enum CommandDuration {
    public static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, TimeInterval)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let (number, scale) = units.first { trimmed.hasSuffix($0.0) }.map { (String(trimmed.dropLast($0.0.count)), $0.1) } ?? (trimmed, 1)
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value * scale
    }
}
