import ArgumentParser

/// A duration on the command line: `90`, `90s`, `15m`, `2h` (seconds when no unit is given).
struct DurationArgument: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        var text = Substring(argument)
        var scale = 1.0
        if let last = text.last, let unit = units[last] {
            scale = unit
            text = text.dropLast()
        }
        guard let value = Double(text), value > 0, value.isFinite else { return nil }
        seconds = value * scale
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
