import Foundation

/// One throwaway PostgreSQL cluster of the demo (the source or the warehouse), driven through initdb and
/// pg_ctl. As root every tool runs as `postgres` through runuser, in directories postgres owns.
public struct DemoCluster: Sendable {
    public let name: String
    public let dataDirectory: String
    public let socketDirectory: String
    public let logPath: String
    let binaries: PostgresServerBinaries
    let asPostgres: Bool

    init(name: String, root: String, binaries: PostgresServerBinaries, asPostgres: Bool) {
        self.name = name
        dataDirectory = root + "/" + name
        socketDirectory = root + "/run"
        logPath = root + "/logs/\(name).log"
        self.binaries = binaries
        self.asPostgres = asPostgres
    }

    /// initdb with trust authentication for local connections, then the demo's settings.
    /// `extraSettings` are postgresql.conf lines (`wal_level = logical`).
    func create(extraSettings: [String]) throws {
        try DemoProcess.run(
            binaries.initdb, ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"],
            asPostgres: asPostgres)
        let settings = [
            "listen_addresses = '127.0.0.1'", "unix_socket_directories = '\(socketDirectory)'", "fsync = off",
            "synchronous_commit = off", "full_page_writes = off", "max_connections = 40", "shared_buffers = '64MB'",
        ] + extraSettings
        let conf = dataDirectory + "/postgresql.auto.conf"
        try (settings.joined(separator: "\n") + "\n").write(toFile: conf, atomically: false, encoding: .utf8)
        if asPostgres { try DemoProcess.run("/bin/chown", ["postgres:postgres", conf]) }
    }

    /// Whether initdb finished here (a killed run can leave a directory without `PG_VERSION`).
    var isCreated: Bool { FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") }

    /// The pid of a server running on this data directory, nil if none. A `postmaster.pid` whose process
    /// is gone or is not a postgres server (its pid reused after a crash) is stale and removed, so the next
    /// start does not refuse.
    public func runningPid() -> pid_t? {
        let pidFile = dataDirectory + "/postmaster.pid"
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if kill(pid, 0) == 0, comm == "postgres" { return pid }
        try? FileManager.default.removeItem(atPath: pidFile)
        return nil
    }

    /// The port a running server listens on, from line 4 of its `postmaster.pid`.
    public func runningPort() -> Int? {
        guard runningPid() != nil, let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 3 ? Int(lines[3]) : nil
    }

    /// Starts the server on `port` and waits until it accepts connections (at most 30 s).
    func start(port: Int) throws {
        try DemoProcess.run(
            binaries.pgCtl, ["-D", dataDirectory, "-l", logPath, "-o", "-c port=\(port)", "-w", "-t", "30", "start"], asPostgres: asPostgres)
    }

    /// Stops a running server (fast: sessions are cut); nothing to do when none runs.
    func stop() throws {
        guard runningPid() != nil else { return }
        try DemoProcess.run(binaries.pgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], asPostgres: asPostgres)
    }
}
