import EltopThemes
import EltopUI
import Foundation

/// Picks the theme for `--theme NAME|PATH` (or `ui.theme`, `ELTOP_THEME`) and honours `NO_COLOR`.
public enum ThemeChoice {
    public static func resolve(_ requested: String?, environment: [String: String]) throws -> Theme {
        let catalog = ThemeCatalog.standard(
            environment: environment,
            executableDirectory: Bundle.main.executableURL?.deletingLastPathComponent().path,
            currentDirectory: FileManager.default.currentDirectoryPath)
        return try catalog.resolve(requested).respectingNoColor(environment)
    }
}
