import EltopConfig
import Foundation
import XCTest

/// A private world for one test: a temporary directory holding a working directory and a home,
/// an environment dictionary that starts empty, and helpers to write files into it. Nothing of the
/// real process environment leaks in, so a developer's own `AIRBYTE_PASSWORD` or `~/.config/eltop`
/// cannot change a result.
final class ConfigSandbox {
    let root: URL
    let cwd: String
    let home: String
    var variables: [String: String]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-config-\(UUID().uuidString)")
        cwd = root.appendingPathComponent("work").path
        home = root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        variables = ["HOME": home]
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var environment: ConfigEnvironment { ConfigEnvironment(variables: variables, currentDirectory: cwd) }

    func loader(explicitPath: String? = nil) -> ConfigLoader {
        ConfigLoader(explicitPath: explicitPath, environment: environment)
    }

    func evaluate(explicitPath: String? = nil) -> ConfigLoadResult {
        loader(explicitPath: explicitPath).evaluate()
    }

    /// Writes `text` at `path` (relative to the sandbox root unless absolute) with `mode`, creating
    /// folders, and returns the absolute path.
    @discardableResult
    func write(_ text: String, to path: String, mode: Int = 0o600) throws -> String {
        let absolute = path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
        try FileManager.default.createDirectory(
            atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: absolute, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: absolute)
        return absolute
    }

    /// Writes `./eltop.yaml` in the working directory.
    @discardableResult
    func writeLocalConfig(_ text: String, mode: Int = 0o600) throws -> String {
        try write(text, to: "work/eltop.yaml", mode: mode)
    }
}

/// The problems of `result` as one string per problem, for readable failure messages.
func describe(_ result: ConfigLoadResult) -> String {
    result.problems.map(\.description).joined(separator: "\n")
}

func line(of location: ConfigLocation) -> Int? {
    if case .file(_, let line, _) = location { return line }
    return nil
}
