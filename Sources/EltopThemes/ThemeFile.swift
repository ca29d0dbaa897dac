import EltopUI
import Foundation
import Yams

/// A mistake in a theme file, with where it is.
public struct ThemeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// Line and column count from 1; nil when the problem is the whole file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `themes/dark.yaml:12:3: unknown role "sucess" (roles: text, ok, …)`
    public var description: String {
        let position = [line, column].compactMap { $0 }.map(String.init).joined(separator: ":")
        return position.isEmpty ? "\(file): \(message)" : "\(file):\(position): \(message)"
    }
}

/// Reads a theme file (see docs/themes.md): a `palette:` of named colours, then `roles:` giving each
/// `Role` a foreground, background and attributes. Colours are `#rrggbb` (converted to the nearest
/// xterm-256 index) or an index 0–255, each with an ANSI 0–7 fallback that is named or derived.
///
/// Every mistake (unknown role, unknown palette name, bad colour or attribute) is an error with file
/// and line: a theme that silently ignored a typo would show the wrong colour for an alarm. A role the
/// file leaves out keeps `Theme.builtIn`'s style.
public enum ThemeFile {
    /// Loads `path`; the theme is named after the file (`themes/light.yaml` → "light").
    public static func load(path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeFileError(file: path, line: nil, column: nil, message: "cannot read the theme file")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, file: path)
    }

    /// Parses theme YAML; `file` is only used in error messages.
    public static func parse(_ yaml: String, name: String, file: String) throws -> Theme {
        let reader = ThemeNodeReader(file: file)
        let document: Node?
        do {
            document = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw reader.syntaxError(error)
        }
        guard let document, let root = document.mapping else {
            throw ThemeFileError(
                file: file, line: document?.mark?.line, column: document?.mark?.column,
                message: "a theme file is a mapping with `palette:` and `roles:`")
        }
        var palette: [String: ColorSpec] = [:]
        var styles = Theme.builtIn.styles
        // An empty `palette:` or `roles:` (null) is allowed: nothing to add.
        for (key, value) in root where key.string == "palette" && value.null == nil {
            palette = try reader.palette(value)
        }
        for (key, value) in root {
            switch key.string {
            case "roles" where value.null != nil: continue
            case "palette": continue
            case "roles": try reader.roles(value, palette: palette).forEach { styles[$0.key] = $0.value }
            default: throw reader.error(at: key, "unknown key \"\(key.string ?? "?")\" (a theme has `palette:` and `roles:`)")
            }
        }
        return Theme(name: name, styles: styles)
    }
}

/// The node-by-node reading behind `ThemeFile`, kept apart so the public type stays a short summary.
private struct ThemeNodeReader {
    let file: String

    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "reverse": .reverse, "underline": .underline, "italic": .italic,
    ]

    func palette(_ node: Node) throws -> [String: ColorSpec] {
        guard let mapping = node.mapping else { throw error(at: node, "`palette:` must map names to colours") }
        var palette: [String: ColorSpec] = [:]
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty, name != "default", !name.hasPrefix("#"), Int(name) == nil else {
                throw error(at: key, "palette name \"\(key.string ?? "?")\" is reserved or not a name")
            }
            palette[name] = try color(value, palette: nil)
        }
        return palette
    }

    func roles(_ node: Node, palette: [String: ColorSpec]) throws -> [Role: Style] {
        guard let mapping = node.mapping else { throw error(at: node, "`roles:` must map role names to styles") }
        var styles: [Role: Style] = [:]
        for (key, value) in mapping {
            guard let role = key.string.flatMap(Role.init(rawValue:)) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(at: key, "unknown role \"\(key.string ?? "?")\" (roles: \(known))")
            }
            styles[role] = try style(value, role: role, palette: palette)
        }
        return styles
    }

    private func style(_ node: Node, role: Role, palette: [String: ColorSpec]) throws -> Style {
        guard let mapping = node.mapping else {
            throw error(at: node, "role \(role.rawValue) needs a mapping such as `{fg: green, attrs: [bold]}`")
        }
        var style = Style(role: role, foreground: .terminalDefault, background: .terminalDefault, attributes: [])
        for (key, value) in mapping {
            switch key.string {
            case "fg": style.foreground = try color(value, palette: palette)
            case "bg": style.background = try color(value, palette: palette)
            case "attrs": style.attributes = try attributes(value)
            default: throw error(at: key, "unknown key \"\(key.string ?? "?")\" in role \(role.rawValue) (use fg, bg, attrs)")
            }
        }
        return style
    }

    /// A colour: `default`, a palette name (when `palette` is given), `#rrggbb`, an index 0–255, or
    /// `{color: …, ansi: NAME}` with an explicit 8-colour fallback.
    private func color(_ node: Node, palette: [String: ColorSpec]?) throws -> ColorSpec {
        if let mapping = node.mapping {
            var spec: ColorSpec?
            var ansi: UInt8?
            for (key, value) in mapping {
                switch key.string {
                case "color": spec = try literalColor(value)
                case "ansi": ansi = try ansiName(value)
                default: throw error(at: key, "unknown key \"\(key.string ?? "?")\" in a colour (use color, ansi)")
                }
            }
            guard var resolved = spec else { throw error(at: node, "a colour mapping needs `color:`") }
            if let ansi { resolved.ansi8 = ansi }
            return resolved
        }
        guard let text = node.scalar?.string else { throw error(at: node, "expected a colour") }
        if text == "default" { return .terminalDefault }
        if text.hasPrefix("#") || Int(text) != nil { return try literalColor(node) }
        guard let palette else { throw error(at: node, "bad colour \"\(text)\" (use #rrggbb or an xterm-256 index 0–255)") }
        guard let named = palette[text] else {
            let known = palette.keys.sorted().joined(separator: ", ")
            throw error(at: node, "unknown palette name \"\(text)\" (palette: \(known.isEmpty ? "empty" : known))")
        }
        return named
    }

    private func literalColor(_ node: Node) throws -> ColorSpec {
        let text = node.scalar?.string ?? ""
        if let (r, g, b) = XtermColor.parseHex(text) {
            return ColorSpec(
                xterm256: XtermColor.nearestIndex(red: r, green: g, blue: b), ansi8: XtermColor.nearestANSI(red: r, green: g, blue: b))
        }
        if let index = Int(text), let byte = UInt8(exactly: index) {
            let (r, g, b) = XtermColor.rgb(ofIndex: byte)
            return ColorSpec(xterm256: byte, ansi8: XtermColor.nearestANSI(red: r, green: g, blue: b))
        }
        throw error(at: node, "bad colour \"\(text)\" (use #rrggbb or an xterm-256 index 0–255)")
    }

    private func ansiName(_ node: Node) throws -> UInt8 {
        guard let text = node.scalar?.string, let index = XtermColor.ansiNames.firstIndex(of: text.lowercased()) else {
            throw error(at: node, "bad ansi colour \"\(node.scalar?.string ?? "?")\" (use \(XtermColor.ansiNames.joined(separator: ", ")))")
        }
        return UInt8(index)
    }

    private func attributes(_ node: Node) throws -> TextAttributes {
        let items = node.sequence.map(Array.init) ?? [node]
        var attributes: TextAttributes = []
        for item in items {
            guard let name = item.scalar?.string, let attribute = Self.attributeNames[name.lowercased()] else {
                let known = Self.attributeNames.keys.sorted().joined(separator: ", ")
                throw error(at: item, "bad attribute \"\(item.scalar?.string ?? "?")\" (use \(known))")
            }
            attributes.insert(attribute)
        }
        return attributes
    }

    func error(at node: Node, _ message: String) -> ThemeFileError {
        ThemeFileError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func syntaxError(_ error: YamlError) -> ThemeFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            let at = context?.mark ?? mark
            return ThemeFileError(file: file, line: at.line, column: at.column, message: "YAML syntax: \(problem)")
        case .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ThemeFileError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ThemeFileError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ThemeFileError(file: file, line: nil, column: nil, message: "YAML: \(error)")
        }
    }
}
