import EltopUI

/// Picks the theme for `--theme NAME|PATH` and `NO_COLOR`.
public enum ThemeChoice {
    /// The built-in default for no name or "default". Theme files (`themes/*.yaml`, a path) are read by
    /// EltopConfig's `ThemeFile`, which is not wired here yet, so any other name is refused clearly
    /// rather than silently drawn with the default. `NO_COLOR` (any non-empty value, no-color.org) keeps
    /// the roles' attributes and drops every colour.
    public static func resolve(_ requested: String?, environment: [String: String]) throws -> Theme {
        guard requested == nil || requested == "default" else {
            throw AppError("unknown theme '\(requested!)': only the built-in 'default' is available in this build")
        }
        let theme = Theme.builtIn
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return theme.withoutColor }
        return theme
    }
}
