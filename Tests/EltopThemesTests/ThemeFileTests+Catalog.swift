import EltopThemes
import EltopUI
import Foundation
import XCTest

/// Finding themes by name or path (`--theme`, `ELTOP_THEME`, `ui.theme`) and `NO_COLOR`.
extension ThemeFileTests {
    /// A temporary folder holding `files` (name → YAML), removed when the test ends.
    private func themesFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for (name, yaml) in files {
            try yaml.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    func testNameIsLookedUpInOrderAndFirstDirectoryWins() throws {
        let first = try themesFolder(["night.yaml": "roles:\n  ok: { fg: 1 }\n"])
        let second = try themesFolder(["night.yaml": "roles:\n  ok: { fg: 2 }\n", "day.yaml": "roles:\n  ok: { fg: 3 }\n"])
        let catalog = ThemeCatalog(directories: [first, second], currentDirectory: "/")
        XCTAssertEqual(try catalog.resolve("night").style(.ok).foreground.xterm256, 1)
        XCTAssertEqual(try catalog.resolve("day").style(.ok).foreground.xterm256, 3)
        XCTAssertEqual(try catalog.resolve("day").name, "day")
        XCTAssertEqual(catalog.availableNames(), ["day", "default", "night"])
    }

    func testUnknownNameListsTheAvailableOnes() throws {
        let folder = try themesFolder(["night.yaml": "roles: {}\n"])
        let catalog = ThemeCatalog(directories: [folder, "/nonexistent/themes"], currentDirectory: "/")
        XCTAssertThrowsError(try catalog.resolve("nite")) { error in
            let unknown = error as? UnknownThemeError
            XCTAssertEqual(unknown?.available, ["default", "night"])
            XCTAssertEqual(unknown?.searched, [folder, "/nonexistent/themes"])
            XCTAssertTrue("\(error)".hasPrefix("unknown theme \"nite\"; available: default, night"), "\(error)")
        }
    }

    func testDefaultWithoutAnyFileIsTheBuiltInTheme() throws {
        let catalog = ThemeCatalog(directories: ["/nonexistent/themes"], currentDirectory: "/")
        XCTAssertEqual(try catalog.resolve(nil), Theme.builtIn)
        XCTAssertEqual(try catalog.resolve("default"), Theme.builtIn)
    }

    func testPathsAreFilesNotNames() throws {
        let folder = try themesFolder(["mine.yaml": "roles:\n  ok: { fg: 9 }\n", "broken": "roles:\n  nope: {}\n"])
        let catalog = ThemeCatalog(directories: [], currentDirectory: folder)
        XCTAssertEqual(try catalog.resolve("mine.yaml").style(.ok).foreground.xterm256, 9, "relative to the working directory")
        XCTAssertEqual(try catalog.resolve(folder + "/mine.yaml").name, "mine")
        XCTAssertThrowsError(try catalog.resolve("mine"), "a bare name is not looked up in the working directory")
        XCTAssertThrowsError(try catalog.resolve("./broken")) { error in
            XCTAssertEqual((error as? ThemeFileError)?.line, 2)
            XCTAssertEqual((error as? ThemeFileError)?.file, folder + "/broken")
        }
    }

    func testStandardSearchListFindsTheRepositoryThemes() throws {
        let custom = try themesFolder(["default.yaml": "roles:\n  ok: { fg: 5 }\n"])
        let fromSubdirectory = ThemeCatalog.standard(
            environment: [:], executableDirectory: nil, currentDirectory: Self.repository.appendingPathComponent("Sources/EltopUI").path)
        XCTAssertEqual(fromSubdirectory.directories, [Self.themes.path])
        XCTAssertEqual(fromSubdirectory.availableNames(), ["default", "high-contrast", "light", "mono"])
        XCTAssertEqual(try fromSubdirectory.resolve("light").name, "light")

        let executable = Self.repository.appendingPathComponent(".build/debug").path
        let withEverything = ThemeCatalog.standard(
            environment: ["ELTOP_THEMES_DIR": custom], executableDirectory: executable, currentDirectory: "/")
        XCTAssertEqual(
            withEverything.directories,
            [
                custom, Self.repository.appendingPathComponent(".build/share/eltop/themes").path, executable + "/themes", Self.themes.path,
            ])
        XCTAssertEqual(try withEverything.resolve("default").style(.ok).foreground.xterm256, 5, "ELTOP_THEMES_DIR comes first")
        XCTAssertEqual(ThemeCatalog.standard(environment: [:], executableDirectory: nil, currentDirectory: "/").directories, [])
    }

    func testNoColorRemovesColoursButKeepsAttributes() {
        let theme = Theme.builtIn
        XCTAssertEqual(theme.respectingNoColor([:]), theme)
        XCTAssertEqual(theme.respectingNoColor(["NO_COLOR": ""]), theme, "an empty NO_COLOR does not count (no-color.org)")
        let plain = theme.respectingNoColor(["NO_COLOR": "1"])
        XCTAssertEqual(plain, theme.withoutColor)
        XCTAssertEqual(plain.style(.title).background, .terminalDefault)
        XCTAssertEqual(plain.style(.crit).attributes, theme.style(.crit).attributes)
    }
}
