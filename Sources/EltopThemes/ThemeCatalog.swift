import EltopUI
import Foundation

/// A theme name that no themes directory holds.
public struct UnknownThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var available: [String]
    public var searched: [String]

    public var description: String {
        "unknown theme \"\(name)\"; available: \(available.joined(separator: ", ")) (searched \(searched.joined(separator: ", ")))"
    }
}

/// Finds themes by name or path: what `--theme`, `ELTOP_THEME` and `ui.theme` accept.
///
/// A value containing `/` or ending in `.yaml` is a path; anything else is a name looked up as
/// `NAME.yaml` in `directories`, first match wins. Names are searched in: `$ELTOP_THEMES_DIR`,
/// `<executable dir>/../share/eltop/themes` (an installed binary), `<executable dir>/themes`, then the
/// repository's `themes/` found by walking up from the executable and from the working directory (a
/// `swift run` or a `.build/debug/eltop`). "default" never fails: without a file it is `Theme.builtIn`.
public struct ThemeCatalog: Sendable {
    public var directories: [String]
    /// Relative theme paths resolve against it.
    public var currentDirectory: String

    public init(directories: [String], currentDirectory: String) {
        self.directories = directories
        self.currentDirectory = currentDirectory
    }

    /// The standard search list. `executableDirectory` is the directory of the running binary
    /// (e.g. `Bundle.main.executableURL?.deletingLastPathComponent().path`), nil if unknown.
    public static func standard(environment: [String: String], executableDirectory: String?, currentDirectory: String) -> ThemeCatalog {
        var directories: [String] = []
        if let custom = environment["ELTOP_THEMES_DIR"], !custom.isEmpty {
            directories.append(absolute(custom, from: currentDirectory))
        }
        if let executableDirectory {
            directories.append(absolute("../share/eltop/themes", from: executableDirectory))
            directories.append(absolute("themes", from: executableDirectory))
            directories += [repositoryThemes(above: executableDirectory)].compactMap { $0 }
        }
        directories += [repositoryThemes(above: currentDirectory)].compactMap { $0 }
        var seen: Set<String> = []
        return ThemeCatalog(directories: directories.filter { seen.insert($0).inserted }, currentDirectory: currentDirectory)
    }

    /// Theme names found in the directories, plus "default", sorted.
    public func availableNames() -> [String] {
        var names: Set<String> = ["default"]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            names.formUnion(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) })
        }
        return names.sorted()
    }

    /// The theme for `requested` (nil means "default").
    /// - Throws: `ThemeFileError` for a missing or broken file, `UnknownThemeError` for an unknown name.
    public func resolve(_ requested: String?) throws -> Theme {
        let value = requested ?? "default"
        if value.contains("/") || value.hasSuffix(".yaml") {
            return try ThemeFile.load(path: Self.absolute(value, from: currentDirectory))
        }
        if let path = path(forName: value) { return try ThemeFile.load(path: path) }
        if value == "default" { return Theme.builtIn }
        throw UnknownThemeError(name: value, available: availableNames(), searched: directories)
    }

    /// The first `NAME.yaml` in the search list.
    public func path(forName name: String) -> String? {
        directories.map { ($0 as NSString).appendingPathComponent("\(name).yaml") }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The nearest ancestor (or `start` itself) that looks like the eltop repository: it has
    /// `Package.swift` and `themes/default.yaml`. Requiring both avoids picking up some other
    /// `themes/` folder above the working directory.
    static func repositoryThemes(above start: String) -> String? {
        var directory = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let themes = directory.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                FileManager.default.fileExists(atPath: themes.appendingPathComponent("default.yaml").path)
            {
                return themes.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    private static func absolute(_ path: String, from directory: String) -> String {
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}

extension Theme {
    /// The theme without colours when `NO_COLOR` is set to anything non-empty (no-color.org);
    /// attributes stay, so states remain distinguishable.
    public func respectingNoColor(_ environment: [String: String]) -> Theme {
        guard let value = environment["NO_COLOR"], !value.isEmpty else { return self }
        return withoutColor
    }
}
