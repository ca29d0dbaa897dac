import EltopThemes
import EltopUI
import Foundation
import XCTest

/// Theme files: the shipped ones load, default.yaml is `Theme.builtIn`, mistakes point at their line,
/// and colours convert to the nearest xterm-256 index.
final class ThemeFileTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let themes = repository.appendingPathComponent("themes")

    private func shippedThemeFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.themes, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    // MARK: - Shipped themes

    func testEveryShippedThemeLoads() throws {
        let files = try shippedThemeFiles()
        XCTAssertEqual(files.map(\.lastPathComponent), ["default.yaml", "high-contrast.yaml", "light.yaml", "mono.yaml"])
        for file in files {
            let theme = try ThemeFile.load(path: file.path)
            XCTAssertEqual(theme.name, file.deletingPathExtension().lastPathComponent)
            XCTAssertEqual(Set(theme.styles.keys), Set(Role.allCases))
            for (role, style) in theme.styles { XCTAssertEqual(style.role, role, file.lastPathComponent) }
        }
    }

    /// Each shipped file spells out every role, with a comment above it saying where it shows, so
    /// a theme author can see what they are changing.
    func testShippedThemesGiveEveryRoleWithAComment() throws {
        for file in try shippedThemeFiles() {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            guard let rolesLine = lines.firstIndex(of: "roles:") else { return XCTFail("\(file.lastPathComponent) has no roles:") }
            var given: [String] = []
            for index in lines.indices where index > rolesLine && lines[index].hasPrefix("  ") && !lines[index].hasPrefix("  #") {
                let role = String(lines[index].dropFirst(2).prefix { $0 != ":" })
                given.append(role)
                XCTAssertTrue(lines[index - 1].hasPrefix("  # "), "\(file.lastPathComponent): no comment above \(role)")
            }
            XCTAssertEqual(given, Role.allCases.map(\.rawValue), file.lastPathComponent)
        }
    }

    func testDefaultFileEqualsBuiltIn() throws {
        let theme = try ThemeFile.load(path: Self.themes.appendingPathComponent("default.yaml").path)
        for role in Role.allCases {
            XCTAssertEqual(theme.style(role), Theme.builtIn.style(role), "role \(role)")
        }
        XCTAssertEqual(theme, Theme.builtIn)
    }

    func testMonoUsesAttributesOnly() throws {
        let mono = try ThemeFile.load(path: Self.themes.appendingPathComponent("mono.yaml").path)
        XCTAssertEqual(mono, mono.withoutColor)
        XCTAssertNotEqual(mono.style(.crit).attributes, mono.style(.ok).attributes)
        XCTAssertNotEqual(mono.style(.crit).attributes, mono.style(.selection).attributes)
    }

    func testStatusRolesDifferInEveryShippedTheme() throws {
        for file in try shippedThemeFiles() {
            let theme = try ThemeFile.load(path: file.path)
            let statusStyles = [Role.ok, .warn, .crit, .stale].map { role -> String in
                let style = theme.style(role)
                return "\(String(describing: style.foreground)) \(String(describing: style.background)) \(style.attributes.rawValue)"
            }
            XCTAssertEqual(Set(statusStyles).count, 4, "\(file.lastPathComponent): ok, warn, crit and stale must look different")
        }
    }

    func testExampleInThemesDocParses() throws {
        let doc = try String(contentsOf: Self.repository.appendingPathComponent("docs/themes.md"), encoding: .utf8)
        let example = try XCTUnwrap(doc.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let theme = try ThemeFile.parse(example, name: "example", file: "docs/themes.md")
        XCTAssertEqual(theme.style(.warn).foreground, ColorSpec(xterm256: 214, ansi8: 3))
        XCTAssertEqual(
            theme.style(.title).background, ColorSpec(xterm256: 24, ansi8: 6), "#005f87 has a hue of 198°: nearer cyan than blue")
    }

    // MARK: - Parsing

    func testMissingRolesInheritFromTheDefault() throws {
        let theme = try ThemeFile.parse("roles:\n  ok: { fg: \"#ff0000\", attrs: underline }\n", name: "partial", file: "partial.yaml")
        XCTAssertEqual(
            theme.style(.ok),
            Style(role: .ok, foreground: ColorSpec(xterm256: 196, ansi8: 1), background: .terminalDefault, attributes: .underline))
        for role in Role.allCases where role != .ok {
            XCTAssertEqual(theme.style(role), Theme.builtIn.style(role))
        }
        XCTAssertEqual(theme.styles.count, Role.allCases.count)
        XCTAssertEqual(try ThemeFile.parse("palette:\nroles:\n", name: "empty", file: "empty.yaml").styles, Theme.builtIn.styles)
    }

    func testColourForms() throws {
        let yaml = """
            palette:
              orange: 208
              plum: { color: "#875f87", ansi: magenta }
              bare: "#00afaf"
            roles:
              ok: { fg: orange }
              warn: { fg: plum, bg: default }
              crit: { fg: bare }
              accent: { fg: { color: 33, ansi: cyan } }
              border: { fg: 8 }
              text: {}
            """
        let theme = try ThemeFile.parse(yaml, name: "forms", file: "forms.yaml")
        XCTAssertEqual(theme.style(.ok).foreground, ColorSpec(xterm256: 208, ansi8: 3))
        XCTAssertEqual(theme.style(.warn).foreground, ColorSpec(xterm256: 96, ansi8: 5))
        XCTAssertEqual(theme.style(.warn).background, .terminalDefault)
        XCTAssertEqual(theme.style(.crit).foreground, ColorSpec(xterm256: 37, ansi8: 6))
        XCTAssertEqual(theme.style(.accent).foreground, ColorSpec(xterm256: 33, ansi8: 6))
        XCTAssertEqual(theme.style(.border).foreground, ColorSpec(xterm256: 8, ansi8: 7))
        XCTAssertEqual(theme.style(.text), Style(role: .text, foreground: .terminalDefault, background: .terminalDefault, attributes: []))
    }

    func testMistakesAreErrorsWithFileLineAndColumn() {
        let cases: [(yaml: String, line: Int, column: Int, message: String)] = [
            ("roles:\n  ok: { fg: default }\n  sucess: { fg: default }\n", 3, 3, "unknown role \"sucess\" (roles: text, ok, warn"),
            ("palette:\n  green: \"#00ff00\"\nroles:\n  ok: { fg: gren }\n", 4, 13, "unknown palette name \"gren\" (palette: green)"),
            ("roles:\n  ok: { fg: \"#12345\" }\n", 2, 13, "bad colour \"#12345\""),
            ("roles:\n  ok: { fg: \"#gg0000\" }\n", 2, 13, "bad colour \"#gg0000\""),
            ("roles:\n  ok: { fg: 256 }\n", 2, 13, "bad colour \"256\""),
            ("palette:\n  x: green\n", 2, 6, "bad colour \"green\""),
            ("palette:\n  x: { color: 1, ansi: orange }\n", 2, 24, "bad ansi colour \"orange\""),
            ("roles:\n  warn:\n    fg: default\n    attrs: [bold, blink]\n", 4, 19, "bad attribute \"blink\""),
            ("roles:\n  warn: { colour: red }\n", 2, 11, "unknown key \"colour\" in role warn"),
            ("pallete:\n  a: 1\n", 1, 1, "unknown key \"pallete\""),
            ("palette:\n  default: 1\n", 2, 3, "palette name \"default\" is reserved"),
            ("roles:\n  ok: green\n", 2, 7, "role ok needs a mapping"),
            ("roles:\n  ok: { fg: 1\n  warn: {}\n", 3, 7, "YAML syntax"),
            ("roles:\n  ok: {}\n  ok: {}\n", 2, 3, "duplicate key ok"),
        ]
        for (yaml, line, column, message) in cases {
            XCTAssertThrowsError(try ThemeFile.parse(yaml, name: "t", file: "themes/t.yaml"), yaml) { error in
                guard let error = error as? ThemeFileError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.file, "themes/t.yaml")
                XCTAssertEqual(error.line, line, "\(yaml) → \(error)")
                XCTAssertEqual(error.column, column, "\(yaml) → \(error)")
                XCTAssertTrue(error.message.hasPrefix(message) || error.message.contains(message), "\(yaml) → \(error)")
                XCTAssertTrue(error.description.hasPrefix("themes/t.yaml:\(line):\(column): "), error.description)
            }
        }
    }

    func testUnreadableFileNamesThePath() {
        XCTAssertThrowsError(try ThemeFile.load(path: "/nonexistent/theme.yaml")) { error in
            XCTAssertEqual((error as? ThemeFileError)?.description, "/nonexistent/theme.yaml: cannot read the theme file")
        }
    }

    // MARK: - Colour conversion

    func testNearestXterm256() {
        let cases: [(String, UInt8)] = [
            ("#5fd75f", 77), ("#ff0000", 196), ("#000000", 16), ("#ffffff", 231), ("#808080", 244), ("#7f7f7f", 244),
            ("#eeeeee", 255), ("#123456", 23), ("#fe0101", 196), ("#ffaf00", 214), ("#0a0a0a", 232), ("#d0d0d0", 252),
        ]
        for (hex, expected) in cases {
            let (r, g, b) = XtermColor.parseHex(hex)!
            XCTAssertEqual(XtermColor.nearestIndex(red: r, green: g, blue: b), expected, hex)
        }
    }

    func testEveryIndexAbove15RoundTrips() {
        for index in UInt8(16)...UInt8(255) {
            let (r, g, b) = XtermColor.rgb(ofIndex: index)
            XCTAssertEqual(XtermColor.nearestIndex(red: r, green: g, blue: b), index)
        }
    }

    func testNearestANSI() {
        XCTAssertEqual(XtermColor.nearestANSI(red: 255, green: 0, blue: 0), 1)
        XCTAssertEqual(XtermColor.nearestANSI(red: 0, green: 215, blue: 95), 2)
        XCTAssertEqual(XtermColor.nearestANSI(red: 255, green: 175, blue: 0), 3)
        XCTAssertEqual(XtermColor.nearestANSI(red: 20, green: 20, blue: 30), 0)
        XCTAssertEqual(XtermColor.nearestANSI(red: 240, green: 240, blue: 240), 7)
        XCTAssertEqual(XtermColor.nearestANSI(red: 128, green: 128, blue: 128), 7, "mid grey is white, not yellow")
        XCTAssertEqual(XtermColor.nearestANSI(red: 95, green: 175, blue: 255), 6)
        XCTAssertEqual(XtermColor.nearestANSI(red: 92, green: 92, blue: 255), 4)
        XCTAssertEqual(XtermColor.nearestANSI(red: 205, green: 0, blue: 205), 5)
    }
}
