import EltopSpawn
import Foundation
import Synchronization

/// A real PostgreSQL cluster for tests, started in a temp dir with `wal_level=logical`.
///
/// One shared cluster per test process keeps `swift test` fast (initdb ≈ 1 s); each test makes its own
/// database. Tests that stop or restart the server start a private cluster instead. As root the server
/// runs as `postgres` through `runuser` (PostgreSQL refuses root). Clusters left behind by a killed run
/// are stopped the next time a cluster starts. Tests leave their slots behind as they leave their
/// databases (a whole run creates a few dozen), so the cluster allows far more slots than one test needs.
public final class TestPostgres: Sendable {
    public let port: Int
    public let directory: URL
    public var socketDirectory: String { directory.appendingPathComponent("socket").path }
    private let dataDirectory: URL
    private let binDirectory: String
    private let asPostgresUser: Bool

    private static let sharedCluster = Mutex<TestPostgres?>(nil)

    /// The cluster shared by every test in this process, started on first use and stopped at exit.
    public static func shared() throws -> TestPostgres {
        try sharedCluster.withLock { shared in
            if let shared { return shared }
            let cluster = try TestPostgres.start()
            shared = cluster
            atexit { TestPostgres.sharedCluster.withLock { $0?.stop() } }
            return cluster
        }
    }

    /// Starts a private cluster; the caller stops it. `extraSettings` are postgresql.conf lines
    /// (`"max_slot_wal_keep_size = '64MB'"`).
    public static func start(extraSettings: [String] = []) throws -> TestPostgres {
        let bin = try Self.findBinDirectory()
        Self.stopAbandonedClusters(bin: bin)
        let root = URL(fileURLWithPath: "/tmp/eltop-test-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        let asPostgres = geteuid() == 0
        try FileManager.default.createDirectory(at: root.appendingPathComponent("socket"), withIntermediateDirectories: true)
        try "\(getpid())".write(to: root.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        let cluster = TestPostgres(port: try Self.freePort(), directory: root, bin: bin, asPostgresUser: asPostgres)
        if asPostgres {
            try Self.run("/bin/chmod", ["755", root.path])
            try Self.run("/bin/chown", ["-R", "postgres:postgres", root.path])
        }
        try cluster.runAsOwner("\(bin)/initdb", ["-D", cluster.dataDirectory.path, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        var settings = [
            "port = \(cluster.port)", "listen_addresses = '127.0.0.1'", "unix_socket_directories = '\(cluster.socketDirectory)'",
            "wal_level = logical", "max_replication_slots = 100", "max_wal_senders = 32", "fsync = off", "synchronous_commit = off",
        ]
        settings += extraSettings
        try settings.joined(separator: "\n").appending("\n").write(
            to: cluster.dataDirectory.appendingPathComponent("postgresql.auto.conf"), atomically: true, encoding: .utf8)
        if asPostgres { try Self.run("/bin/chown", ["postgres:postgres", cluster.dataDirectory.appendingPathComponent("postgresql.auto.conf").path]) }
        do {
            try cluster.startServer()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private init(port: Int, directory: URL, bin: String, asPostgresUser: Bool) {
        self.port = port
        self.directory = directory
        dataDirectory = directory.appendingPathComponent("data")
        binDirectory = bin
        self.asPostgresUser = asPostgresUser
    }

    /// A libpq URI for `database` as `user` over TCP on loopback.
    public func url(database: String = "postgres", user: String = "postgres") -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Creates a fresh database with a unique name and returns its name.
    public func createDatabase(prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try psql("CREATE DATABASE \(name)")
        return name
    }

    /// Runs SQL through `psql` (independent of eltop's own libpq wrapper) and returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres", user: String = "postgres") throws -> String {
        try Self.run("\(binDirectory)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url(database: database, user: user), "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func startServer() throws {
        try runAsOwner("\(binDirectory)/pg_ctl", ["-D", dataDirectory.path, "-l", directory.appendingPathComponent("server.log").path, "-w", "-t", "30", "start"])
    }

    /// Stops the server fast (open connections are cut), as a crash or failover would look to a client.
    public func stopServer() throws {
        try runAsOwner("\(binDirectory)/pg_ctl", ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    /// Stops the server and removes its directory.
    public func stop() {
        try? stopServer()
        try? FileManager.default.removeItem(at: directory)
    }

    private func runAsOwner(_ tool: String, _ arguments: [String]) throws {
        if asPostgresUser {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
        } else {
            try Self.run(tool, arguments)
        }
    }

    /// Runs a tool from /tmp (the postgres user may not be allowed into the test's working directory)
    /// and returns its output; a non-zero exit is an error carrying that output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (status, output) = try ChildProcess.run("/bin/sh", ["-c", "cd /tmp && exec \"$@\"", "sh", tool] + arguments)
        guard status == 0 else {
            throw TestPostgresError(message: "\((tool as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
        return output
    }

    public static func findBinDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw TestPostgresError(message: "PostgreSQL server binaries not found under \(root): run `make deps` (apt package postgresql)")
    }

    /// A TCP port nobody listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestPostgresError(message: "no free TCP port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops clusters whose test process no longer exists, so their ports and shared memory are freed.
    static func stopAbandonedClusters(bin: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for entry in entries where entry.hasPrefix("eltop-test-pg-") {
            let dir = "/tmp/\(entry)"
            guard let text = try? String(contentsOfFile: "\(dir)/owner.pid", encoding: .utf8), let pid = Int32(text),
                kill(pid, 0) != 0
            else { continue }
            let stopArgs = ["-D", "\(dir)/data", "-m", "immediate", "-w", "stop"]
            _ = try? (geteuid() == 0 ? run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(bin)/pg_ctl"] + stopArgs) : run("\(bin)/pg_ctl", stopArgs))
            try? FileManager.default.removeItem(atPath: dir)
        }
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
