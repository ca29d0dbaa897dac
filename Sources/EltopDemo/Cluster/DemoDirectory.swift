import Foundation

/// The demo's directory: both clusters, their sockets and logs, the dbt project and the stack file.
///
/// Default `$XDG_DATA_HOME/eltop/demo` (`~/.local/share/eltop/demo`). As root the servers run as
/// `postgres`, who must be able to traverse every parent; root's home is 0700, so when the default is
/// not traversable the demo lives in `/var/lib/eltop/demo` instead (and says so), rather than loosening
/// the permissions of root's home.
public struct DemoDirectory: Sendable {
    public let path: String
    public let asPostgres: Bool
    /// Why the path is not the XDG default, when it is not.
    public let relocationNote: String?

    public var stackFile: String { path + "/stack.json" }
    /// Beside the directory, not in it: `--fresh` removes the directory while the lock is held.
    public var lockFile: String { path + ".lock" }
    public var dbtDirectory: String { path + "/dbt" }
    public var socketDirectory: String { path + "/run" }
    public var logDirectory: String { path + "/logs" }

    public init(path: String, asPostgres: Bool = geteuid() == 0, relocationNote: String? = nil) {
        self.path = path
        self.asPostgres = asPostgres
        self.relocationNote = relocationNote
    }

    /// The default directory for `environment` (only HOME and XDG_DATA_HOME are read).
    public static func standard(environment: [String: String]) -> DemoDirectory {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        let path = dataHome + "/eltop/demo"
        guard geteuid() == 0, !Self.othersCanTraverse(parentsOf: path) else { return DemoDirectory(path: path) }
        return DemoDirectory(
            path: "/var/lib/eltop/demo",
            relocationNote: "\(path) is not reachable by the postgres user (a parent is not world-searchable), so the demo lives in /var/lib/eltop/demo")
    }

    /// True when every existing parent of `path` lets other users search it (mode o+x).
    static func othersCanTraverse(parentsOf path: String) -> Bool {
        var current = (path as NSString).deletingLastPathComponent
        while !current.isEmpty, current != "/" {
            var info = stat()
            if stat(current, &info) == 0, info.st_mode & 0o001 == 0 { return false }
            current = (current as NSString).deletingLastPathComponent
        }
        return true
    }

    /// Whether anything of a demo is here at all.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Creates the directory and its postgres-owned parts (sockets, logs); parents are made
    /// world-searchable only where this call creates them.
    func prepare() throws {
        let fm = FileManager.default
        var missing: [String] = []
        var current = path
        while !fm.fileExists(atPath: current), current != "/" {
            missing.insert(current, at: 0)
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in missing {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        }
        for directory in [socketDirectory, logDirectory] where !fm.fileExists(atPath: directory) {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            if asPostgres { try DemoProcess.run("/bin/chown", ["postgres:postgres", directory]) }
        }
        if asPostgres { try DemoProcess.run("/bin/chown", ["postgres:postgres", path]) }
    }

    /// Removes everything of the demo.
    func remove() throws {
        guard exists else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
