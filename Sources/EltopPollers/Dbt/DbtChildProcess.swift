import CProcessGroup
import Foundation

/// A child process in its own process group, its stdout and stderr read line by line on a dedicated
/// thread, reaped with `waitpid` on that same thread.
///
/// Why this shape (docs/dbt.md): Foundation's `Process.waitUntilExit` was seen to hang in async tests
/// here; a process group lets a cancel reach dbt and anything it started; and the child gets
/// `PR_SET_PDEATHSIG` (SIGTERM) tied to the thread that forked it, so the thread lives exactly as long
/// as the child and a killed eltop (SIGKILL, lost SSH session) takes dbt with it.
///
/// `@unchecked Sendable`: `exited` is read and written only under `lock`, which must also cover the
/// `kill` so a signal never reaches a reaped (and possibly reused) process group id.
final class DbtChildProcess: @unchecked Sendable {
    /// The child's pid, which is also its process group id.
    let pid: pid_t
    private let lock = NSLock()
    private var exited = false
    private let exitSignal = DispatchSemaphore(value: 0)

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `executable` (an absolute path) in `directory`. On the reader thread, in this order:
    /// `onStart` once the child runs, `onLine` for each output line, `onExit` with the exit code and
    /// whether a signal ended it. Nothing is called when the start fails (this throws instead).
    static func start(
        executable: String, arguments: [String], environment: [String: String], directory: String,
        onStart: @escaping @Sendable () -> Void, onLine: @escaping @Sendable (String) -> Void,
        onExit: @escaping @Sendable (Int32, Bool) -> Void
    ) throws -> DbtChildProcess {
        var fds: [Int32] = [0, 0]
        guard eltop_cloexec_pipe(&fds) == 0 else { throw DbtRunError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let started = DispatchSemaphore(value: 0)
        let box = SpawnResult()
        let thread = Thread {
            let pid = withCStrings([executable] + arguments) { argv in
                withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                    eltop_spawn_process_group(executable, argv, envp, directory, writeEnd, SIGTERM)
                }
            }
            close(writeEnd)
            guard pid > 0 else {
                close(readEnd)
                box.error = DbtRunError("cannot start \(executable): \(String(cString: strerror(-pid)))")
                started.signal()
                return
            }
            let child = DbtChildProcess(pid: pid)
            box.child = child
            onStart()
            started.signal()
            LineReader(fd: readEnd).forEachLine(onLine)
            close(readEnd)
            let (code, signalled) = child.reap()
            onExit(code, signalled)
        }
        thread.name = "eltop.dbt.child"
        thread.start()
        started.wait()
        if let error = box.error { throw error }
        return box.child!
    }

    /// Sends `signal` to the whole process group (dbt and anything it started), unless it already exited.
    func signalGroup(_ signal: Int32) {
        lock.withLock {
            guard !exited else { return }
            kill(-pid, signal)
        }
    }

    var hasExited: Bool { lock.withLock { exited } }

    /// Waits up to `seconds` for the child to exit; true if it did.
    func waitForExit(seconds: Double) -> Bool {
        if hasExited { return true }
        let ended = exitSignal.wait(timeout: .now() + seconds) == .success
        if ended { exitSignal.signal() }
        return ended
    }

    private func reap() -> (Int32, Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The group may outlive its leader (a grandchild holding on): end it so nothing is orphaned.
        lock.withLock {
            exited = true
            kill(-pid, SIGKILL)
        }
        exitSignal.signal()
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (128 + signal, true)
    }
}

/// Why a dbt run could not start.
struct DbtRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Written by the reader thread before it signals `started`, read by the caller only after waiting on
/// it: the semaphore orders the accesses, which the compiler cannot see, hence `@unchecked Sendable`.
private final class SpawnResult: @unchecked Sendable {
    var child: DbtChildProcess?
    var error: Error?
}

/// Reads a pipe to end-of-file and hands out whole lines (without the newline).
private struct LineReader {
    let fd: Int32

    func forEachLine(_ body: (String) -> Void) {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                body(String(decoding: pending[start..<newline], as: UTF8.self))
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { body(String(decoding: pending, as: UTF8.self)) }
    }
}

/// A NULL-terminated array of C strings for the duration of `body`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
