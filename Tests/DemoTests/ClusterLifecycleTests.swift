import EltopDemo
import EltopTestSupport
import Foundation
import Testing

/// A private stack through its life: created, stopped and reused with its data, a stale pid file, a
/// killed server, a taken port, a half-created directory, --fresh, and removal.
@Suite("Demo cluster lifecycle", .serialized) struct ClusterLifecycleTests {
    @Test func upReuseStalePidKilledServerBusyPortHalfCreatedFreshAndRemove() async throws {
        let stack = try DemoTestDirectory.makeStack(name: "life")
        defer { try? stack.removeAll() }
        let (first, created) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { _ in })
        #expect(created == .created)
        try Psql.value("INSERT INTO eltop_probe (note) VALUES ('kept')", url: first.sourceAdminURL)

        // --down, then up again: the same data comes back.
        #expect(try stack.down().sorted() == ["source", "warehouse"])
        #expect(stack.runningEndpoints() == nil)
        #expect(try stack.down().isEmpty, "a second --down finds nothing running")
        let (reused, outcome) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { _ in })
        #expect(outcome == .reused)
        #expect(try Psql.value("SELECT note FROM eltop_probe", url: reused.sourceAdminURL) == "kept")

        // A stale postmaster.pid naming a process that is not postgres (this test) does not block the start.
        try stack.down()
        try "\(getpid())\n\(stack.source.dataDirectory)\n0\n\(reused.sourcePort)\n".write(
            toFile: stack.source.dataDirectory + "/postmaster.pid", atomically: false, encoding: .utf8)
        let (afterStale, _) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { _ in })
        #expect(try Psql.value("SELECT count(*) FROM eltop_probe", url: afterStale.sourceAdminURL) == "1")

        // A server killed outright (a crashed or killed run) starts again and recovers.
        let pid = try #require(stack.source.runningPid())
        kill(pid, SIGKILL)
        try await Self.waitUntil("the killed postmaster is gone") { kill(pid, 0) != 0 }
        let (afterKill, _) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { _ in })
        #expect(try Psql.value("SELECT count(*) FROM rental", url: afterKill.sourceAdminURL) == "16044")

        // A stack from before the tracer (no probe table, publication membership or role): up adds them,
        // and a second up finds nothing to add.
        try Psql.session(["DROP OWNED BY eltop_prober", "DROP ROLE eltop_prober", "DROP TABLE eltop_probe"], url: afterKill.sourceAdminURL)
        let added = Messages()
        let (upgraded, _) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { added.add($0) })
        #expect(added.all.contains { $0.contains("predates the tracer") && $0.contains("eltop_prober") })
        #expect(try Psql.value(
            "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'airbyte_publication' AND tablename = 'eltop_probe'",
            url: upgraded.sourceAdminURL) == "1")
        #expect(try Psql.value(
            "SELECT has_table_privilege('eltop_prober', 'eltop_probe', 'INSERT') AND has_sequence_privilege('eltop_prober', 'eltop_probe_id_seq', 'USAGE')",
            url: upgraded.sourceAdminURL) == "t")
        let again = Messages()
        _ = try await stack.up(fresh: false, seed: 3, scale: 1, say: { again.add($0) })
        #expect(!again.all.contains { $0.contains("predates the tracer") })

        // The remembered port taken by another program: a new port, said so.
        try stack.down()
        let blocker = try PortBlocker(port: afterKill.warehousePort)
        let messages = Messages()
        let (moved, _) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { messages.add($0) })
        blocker.close()
        #expect(moved.warehousePort != afterKill.warehousePort)
        #expect(messages.all.contains { $0.contains("port \(afterKill.warehousePort)") && $0.contains("in use") })
        #expect(try Psql.value("SELECT count(*) FROM pg_namespace WHERE nspname IN ('raw', 'staging', 'marts', 'reports')", url: moved.warehouseURL) == "4")

        // A directory without a complete stack record (setup was killed) is rebuilt.
        try stack.down()
        try FileManager.default.removeItem(atPath: stack.directory.stackFile)
        let (_, rebuilt) = try await stack.up(fresh: false, seed: 3, scale: 1, say: { _ in })
        #expect(rebuilt == .rebuiltHalfCreated)

        // --fresh: new data, the probe row is gone.
        let (fresh, freshOutcome) = try await stack.up(fresh: true, seed: 3, scale: 1, say: { _ in })
        #expect(freshOutcome == .created)
        #expect(try Psql.value("SELECT count(*) FROM eltop_probe", url: fresh.sourceAdminURL) == "0")

        // --ephemeral's removal: no server left, no directory left.
        let pids = [stack.source.runningPid(), stack.warehouse.runningPid()].compactMap { $0 }
        try stack.removeAll()
        #expect(!FileManager.default.fileExists(atPath: stack.directory.path))
        _ = try await EltopTestSupport.waitUntil("the servers' processes \(pids) to end", seen: { () -> [pid_t] in
            try? await Task.sleep(for: .milliseconds(50))
            return pids.filter { kill($0, 0) == 0 }
        }) { $0.isEmpty }
    }

    @Test func aSecondDemoOnTheSameDirectoryFindsTheLockHeld() throws {
        let path = "/tmp/eltop-demo-lock-\(getpid())-\(UUID().uuidString.prefix(6))"
        defer { unlink(path) }
        guard case .success(let held) = try DemoLock.acquire(path) else {
            Issue.record("the first lock failed")
            return
        }
        guard case .failure(let holder) = try DemoLock.acquire(path) else {
            Issue.record("a second lock on the same file succeeded")
            return
        }
        #expect(holder.pid == getpid())
        withExtendedLifetime(held) {}
    }

    static func waitUntil(_ what: String, seconds: Double = 10, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw DemoError("waited \(Int(seconds)) s for \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// Collects what the stack says, from any thread.
/// `@unchecked Sendable`: its mutable fields change only under `lock`.
final class Messages: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Listens on a loopback port so the demo finds it taken.
struct PortBlocker {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard bound, listen(fd, 1) == 0 else { throw DemoError("cannot listen on \(port): \(String(cString: strerror(errno)))") }
    }

    func close() { Foundation.close(fd) }
}
