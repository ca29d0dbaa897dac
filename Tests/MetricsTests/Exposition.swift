import Foundation

/// One sample of Prometheus text: `name{label="value",…} number`.
struct Sample: Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// A reader of the text exposition format, written for these tests from the format's description, so
/// the exporter's output is read by something other than the library that wrote it.
enum Exposition {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "line \(line): cannot parse \"\(text)\"" }
    }

    static func parse(_ text: String) throws -> [Sample] {
        var samples: [Sample] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() where !line.hasPrefix("#") {
            guard let sample = sample(Substring(line)) else { throw ParseError(line: index + 1, text: String(line)) }
            samples.append(sample)
        }
        return samples
    }

    private static func sample(_ line: Substring) -> Sample? {
        var rest = line[...]
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        guard !name.isEmpty else { return nil }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { return nil }
                rest = rest.dropFirst(2)
                var value = ""
                while let c = rest.first, c != "\"" {
                    rest = rest.dropFirst()
                    if c == "\\", let escaped = rest.first {
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(c)
                    }
                }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { return nil }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " ", let value = Double(rest.dropFirst().split(separator: " ").first ?? "") else { return nil }
        return Sample(name: String(name), labels: labels, value: value)
    }
}

extension Array where Element == Sample {
    /// The value of the one sample named `name` with exactly these labels, or nil.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        first { $0.name == name && $0.labels == labels }?.value
    }

    func named(_ name: String) -> [Sample] { filter { $0.name == name } }
}
