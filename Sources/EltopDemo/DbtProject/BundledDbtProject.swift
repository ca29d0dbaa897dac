import Foundation

/// The dbt project the demo ships (`DbtProject/warehouse`, a SwiftPM resource), copied into the demo
/// directory with a generated `profiles.yml` for the local warehouse.
///
/// Found without `Bundle.module`, whose accessor stops the process when the bundle is missing: the
/// resource bundle `eltop_EltopDemo.resources` beside the executable (`swift build`'s layout, and what
/// `make install` puts beside the installed binary), or `../share/eltop/eltop_EltopDemo.resources` from it.
public enum BundledDbtProject {
    public static let resourceBundleName = "eltop_EltopDemo.resources"

    /// The bundled project's directory, or an error naming where it looked.
    public static func locate(executable: String = runningExecutable()) throws -> String {
        let binDirectory = (executable as NSString).deletingLastPathComponent
        let candidates = [
            "\(binDirectory)/\(resourceBundleName)/warehouse",
            "\(binDirectory)/../share/eltop/\(resourceBundleName)/warehouse",
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/dbt_project.yml") {
            return (candidate as NSString).standardizingPath
        }
        throw DemoError("the bundled dbt project is missing (looked in \(candidates.joined(separator: " and "))): reinstall eltop with `make install`")
    }

    /// Copies the project to `directory/warehouse` (replacing an older copy, but keeping `target/` so
    /// the dbt pane shows the last run) and writes `profiles.yml` beside it. Returns the project path.
    @discardableResult
    public static func install(from bundled: String, into directory: String, warehousePort: Int) throws -> String {
        let fm = FileManager.default
        let project = directory + "/warehouse"
        try fm.createDirectory(atPath: project, withIntermediateDirectories: true)
        for entry in try fm.contentsOfDirectory(atPath: project) where entry != "target" && entry != "logs" {
            try fm.removeItem(atPath: project + "/" + entry)
        }
        for entry in try fm.contentsOfDirectory(atPath: bundled) {
            try fm.copyItem(atPath: bundled + "/" + entry, toPath: project + "/" + entry)
        }
        try profiles(warehousePort: warehousePort).write(toFile: directory + "/profiles.yml", atomically: true, encoding: .utf8)
        return project
    }

    /// `dbt parse` when the project has no `target/manifest.json` yet, so the dbt pane lists the models
    /// (never run) from the start instead of an error; a later start keeps the last run's artifacts.
    public static func parseIfNeeded(project: String, profilesDir: String, dbt: String) throws {
        guard !FileManager.default.fileExists(atPath: project + "/target/manifest.json") else { return }
        do {
            try DemoProcess.run(
                "/usr/bin/env", ["DBT_SEND_ANONYMOUS_USAGE_STATS=false", dbt, "parse", "--project-dir", project, "--profiles-dir", profilesDir, "--no-use-colors"])
        } catch {
            throw DemoError("dbt could not parse the bundled project in \(project): \(error)")
        }
    }

    /// The `warehouse` profile for the demo's local warehouse (trust authentication on loopback).
    public static func profiles(warehousePort: Int) -> String {
        """
        # Written by `eltop demo` for its local warehouse; rewritten on every start.
        warehouse:
          target: demo
          outputs:
            demo:
              type: postgres
              host: 127.0.0.1
              port: \(warehousePort)
              user: postgres
              password: ""
              dbname: \(DemoEndpoints.warehouseDatabase)
              schema: staging
              threads: 4

        """
    }

    /// This process's executable, through symlinks (an installed `eltop` may be a link).
    public static func runningExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? (CommandLine.arguments[0] as NSString).resolvingSymlinksInPath
    }
}
