import CProcessGroup
import XCTest

/// The spawn wrapper's promise that no child outlives eltop: PR_SET_PDEATHSIG fires when the thread
/// that forked the child ends, exactly as it does when eltop is killed or its SSH session drops.
final class ProcessGroupTests: XCTestCase {
    func testTheChildGetsSIGTERMWhenItsSpawningThreadDies() throws {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let spawned = Spawned()
        let thread = Thread {
            let words: [String] = ["/bin/sleep", "60"]
            let argv = words.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            let envp: [UnsafeMutablePointer<CChar>?] = [nil]
            spawned.pid = eltop_spawn_process_group("/bin/sleep", argv, envp, "/", devNull, SIGTERM)
            spawned.started.signal()
        }
        thread.start()
        spawned.started.wait()
        let pid = spawned.pid
        XCTAssertGreaterThan(pid, 0)
        XCTAssertEqual(getpgid(pid), pid, "the child leads its own process group")

        var status: Int32 = 0
        var reaped: pid_t = 0
        for _ in 0..<100 where reaped == 0 {
            reaped = waitpid(pid, &status, WNOHANG)
            if reaped == 0 { usleep(50_000) }
        }
        if reaped == 0 { kill(pid, SIGKILL) }
        XCTAssertEqual(reaped, pid, "the child outlived the thread that started it")
        XCTAssertEqual(status & 0x7f, SIGTERM)
    }

    func testAMissingExecutableIsAnErrorNotAnExit127() {
        let words: [String] = ["/nonexistent/dbt"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = [nil]
        XCTAssertEqual(eltop_spawn_process_group("/nonexistent/dbt", argv, envp, "/", 1, 0), -ENOENT)
        XCTAssertEqual(eltop_spawn_process_group("/bin/true", argv, envp, "/nonexistent-dir", 1, 0), -ENOENT)
    }
}

/// `@unchecked Sendable`: `pid` is written before `started` is signalled and read only after waiting on it.
private final class Spawned: @unchecked Sendable {
    var pid: pid_t = 0
    let started = DispatchSemaphore(value: 0)
}
