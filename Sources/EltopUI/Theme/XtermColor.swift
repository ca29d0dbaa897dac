/// The xterm-256 palette's arithmetic: turning `#rrggbb` from a theme file into the index a
/// 256-colour terminal can show, and any colour into one of the eight ANSI colours a basic TTY has.
public enum XtermColor {
    /// The eight ANSI colour names a theme's `ansi:` fallback may use, in index order 0–7.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Channel levels of the 6×6×6 cube at indices 16–231.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for indices 0–15 (terminals let users change these, so they are only
    /// used to derive an ANSI fallback, never as a conversion target).
    static let systemColors: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The index 16–255 nearest to an RGB colour: the nearest cube colour or the nearest grey,
    /// whichever is closer. 0–15 are skipped because terminal themes redefine them.
    public static func nearestIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        let cube = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2
        let average = (red + green + blue) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        let target = (red, green, blue)
        let cubeDistance = distance(target, rgb(ofIndex: UInt8(cubeIndex)))
        let greyDistance = distance(target, rgb(ofIndex: UInt8(greyIndex)))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// The RGB an xterm-256 index stands for.
    public static func rgb(ofIndex index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        switch i {
        case 0..<16:
            return systemColors[i]
        case 16..<232:
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = 8 + 10 * (i - 232)
            return (level, level, level)
        }
    }

    /// The ANSI colour 0–7 that best stands in for an RGB colour on an 8-colour terminal.
    ///
    /// Plain RGB distance to the eight colours fails for greys (mid grey lands on yellow), so greys
    /// become white or, when very dark, black; other colours keep the channels at or above the
    /// midpoint of their strongest and weakest channel (orange → red+green = yellow).
    public static func nearestANSI(red: Int, green: Int, blue: Int) -> UInt8 {
        let strongest = max(red, green, blue)
        let weakest = min(red, green, blue)
        if strongest - weakest < 48 { return (red + green + blue) / 3 >= 64 ? 7 : 0 }
        let midpoint = (strongest + weakest) / 2
        return UInt8((red >= midpoint ? 1 : 0) + (green >= midpoint ? 2 : 0) + (blue >= midpoint ? 4 : 0))
    }

    /// `#rrggbb` → RGB, or nil when the text is not exactly that.
    public static func parseHex(_ text: String) -> (Int, Int, Int)? {
        let digits = text.dropFirst()
        guard text.hasPrefix("#"), digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = Int(digits, radix: 16) else {
            return nil
        }
        return ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff)
    }

    private static func nearestLevel(_ channel: Int) -> Int {
        cubeLevels.indices.min { abs(cubeLevels[$0] - channel) < abs(cubeLevels[$1] - channel) } ?? 0
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0
        let dg = a.1 - b.1
        let db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }
}
