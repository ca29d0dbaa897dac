import Foundation

/// The YAML file a load read, and which rule picked it.
public struct ConfigFileChoice: Equatable, Sendable {
    public enum Reason: String, Sendable {
        case commandLine = "--config"
        case environment = "ELTOP_CONFIG"
        case workingDirectory = "./eltop.yaml"
        case xdgConfigHome = "XDG config directory"
    }

    /// Absolute path of the file.
    public var path: String
    public var reason: Reason
}

/// Finds the configuration file: `--config PATH`, then `$ELTOP_CONFIG`, then `./eltop.yaml`, then
/// `$XDG_CONFIG_HOME/eltop/config.yaml` (default `~/.config`). The first found wins; the files are
/// not merged, so what a file says is all the YAML there is. No file at all is fine: environment
/// variables alone can configure eltop (a container or a CI job often has nothing else).
enum ConfigFileLocator {
    /// The file to read, nil when none exists, or the problem when a file that was asked for by name
    /// (`--config` or `ELTOP_CONFIG`) does not exist: silently running without it would hide a typo.
    static func locate(explicitPath: String?, in environment: ConfigEnvironment) -> Result<ConfigFileChoice?, ConfigProblem> {
        let cwd = environment.currentDirectory
        if let explicitPath {
            return named(environment.absolutePath(explicitPath, relativeTo: cwd), reason: .commandLine, location: .none)
        }
        if let fromEnvironment = environment.value("ELTOP_CONFIG") {
            return named(
                environment.absolutePath(fromEnvironment, relativeTo: cwd), reason: .environment,
                location: .environment("ELTOP_CONFIG"))
        }
        let local = environment.absolutePath("eltop.yaml", relativeTo: cwd)
        if isFile(local) { return .success(ConfigFileChoice(path: local, reason: .workingDirectory)) }
        if let xdg = xdgConfigPath(environment), isFile(xdg) {
            return .success(ConfigFileChoice(path: xdg, reason: .xdgConfigHome))
        }
        return .success(nil)
    }

    /// The implicit places, in order, for "looked for" in `eltop config check`.
    static func searchedPaths(_ environment: ConfigEnvironment) -> [String] {
        [environment.absolutePath("eltop.yaml", relativeTo: environment.currentDirectory)] + [xdgConfigPath(environment)].compactMap { $0 }
    }

    /// `$XDG_CONFIG_HOME/eltop/config.yaml`; the XDG spec says to ignore a relative `XDG_CONFIG_HOME`.
    static func xdgConfigPath(_ environment: ConfigEnvironment) -> String? {
        if let xdg = environment.value("XDG_CONFIG_HOME"), xdg.hasPrefix("/") {
            return environment.absolutePath("eltop/config.yaml", relativeTo: xdg)
        }
        guard let home = environment.value("HOME") else { return nil }
        return environment.absolutePath(".config/eltop/config.yaml", relativeTo: home)
    }

    private static func named(_ path: String, reason: ConfigFileChoice.Reason, location: ConfigLocation) -> Result<
        ConfigFileChoice?, ConfigProblem
    > {
        if isFile(path) { return .success(ConfigFileChoice(path: path, reason: reason)) }
        return .failure(
            ConfigProblem(
                .error, at: location, key: nil, "config file \(path) (from \(reason.rawValue)) does not exist",
                hint: "fix the path, or leave out \(reason.rawValue) to use ./eltop.yaml or ~/.config/eltop/config.yaml"))
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
