import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// The real `eltop` binary in a real terminal: a private tmux server (`-L`, one per session), an
/// emptied environment with its own HOME, XDG dirs and an empty cwd, so nothing on the machine (an
/// eltop.yaml, the developer's AIRBYTE_* variables) leaks in. Only the variables a test passes reach eltop.
///
/// eltop is `exec`ed by the pane's shell, so the pane's pid is eltop's own pid: the tests find dbt's child
/// by it, and `stop()` can kill exactly what this session started.
final class TmuxEltop {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let socket = "eltop-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let work: URL
    private(set) var eltopPID: pid_t?
    private let tmux: String

    /// Starts `eltop ARGUMENTS` in a COLS×ROWS terminal with exactly `environment` set (plus PATH, TERM,
    /// LANG, HOME and XDG dirs); skips the test when tmux or the built binary is missing.
    init(arguments: [String] = [], environment: [String: String], cols: Int = 140, rows: Int = 45) throws {
        guard let tmux = Self.executable(named: "tmux") else { throw XCTSkip("tmux is not installed: the end-to-end tests need it") }
        self.tmux = tmux
        let eltop = try Self.eltopBinary()
        work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(socket)
        let home = work.appendingPathComponent("home"), cwd = work.appendingPathComponent("cwd")
        for dir in [home, cwd] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }

        var env = [
            "PATH": "/usr/bin:/bin", "TERM": Self.paneTerm(), "LANG": "C.UTF-8", "HOME": home.path,
            "XDG_STATE_HOME": home.path + "/state", "XDG_CONFIG_HOME": home.path + "/config", "XDG_CACHE_HOME": home.path + "/cache",
        ]
        env.merge(environment) { _, passed in passed }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        let command = ([eltop] + arguments).map(Self.quoted).joined(separator: " ")
        let script = "cd \(Self.quoted(cwd.path)) && exec env -i \(assignments) \(command)"
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(cols)", "-y", "\(rows)", "-e", "LANG=C.UTF-8", "sh", "-c", script])
        try run(["set-option", "-g", "status", "off"])
        // remain-on-exit keeps the last frame (and the pane) if eltop ends, so a failure can be read.
        try run(["set-option", "-g", "remain-on-exit", "on"])
        eltopPID = pid_t(try run(["display-message", "-p", "-t", "e2e", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The visible text of the pane.
    func screen() -> String { (try? run(["capture-pane", "-p", "-t", "e2e"])) ?? "" }

    /// Sends tmux key names (`"s"`, `"Escape"`), one at a time.
    func press(_ keys: String...) throws { for key in keys { try run(["send-keys", "-t", "e2e", key]) } }

    /// Polls the screen every 100 ms until `predicate` holds; fails the test with the screen when it never does.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var text = screen()
        while !predicate(text) {
            guard Date() < deadline else {
                XCTFail("waited \(Int(seconds)) s for \(what); the screen shows:\n\(text)", file: file, line: line)
                return false
            }
            usleep(100_000)
            text = screen()
        }
        return true
    }

    @discardableResult
    func waitFor(text: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        waitFor("\"\(text)\"", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }

    /// Runs a tmux command on this session's server (`set-option`, `pipe-pane`, `show-buffer`), for the
    /// checks that need more of tmux than the screen.
    @discardableResult
    func tmux(_ arguments: String...) throws -> String { try run(arguments) }

    /// True while eltop runs in the pane (tmux marks the pane dead once its process has exited).
    var eltopRunning: Bool {
        ((try? run(["display-message", "-p", "-t", "e2e", "#{pane_dead}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// eltop's exit status once it has exited (128 + N for signal N), or nil if it still runs after
    /// `seconds`. Read from tmux's `pane_dead_status` or, while tmux has not yet reaped it, from the
    /// zombie's own `/proc/PID/stat` (its last field is the wait status): tmux 3.3 sometimes leaves an
    /// exited pane process unreaped for many seconds, its "Pane is dead" line unwritten meanwhile.
    func exitStatus(within seconds: Double = 20) -> Int32? {
        guard let pid = eltopPID else { return nil }
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let dead = (try? run(["display-message", "-p", "-t", "e2e", "#{pane_dead} #{pane_dead_status}"]))?
                .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? []
            if dead.count == 2, dead[0] == "1", let status = Int32(dead[1]) { return status }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.first == "Z", let wait = Int32(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
                    return wait & 0x7f == 0 ? (wait >> 8) & 0xff : 128 + (wait & 0x7f)
                }
            }
            usleep(100_000)
        } while Date() < deadline
        return nil
    }

    /// Ends the tmux server and, if it survived, eltop; safe to call twice.
    func stop() {
        _ = try? run(["kill-server"])
        if let pid = eltopPID, kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        eltopPID = nil
        try? FileManager.default.removeItem(at: work)
    }

    deinit { stop() }

    // MARK: - Finding things

    /// `<bin path>/eltop` where `swift build --show-bin-path`, run in the package root, says it is.
    static func eltopBinary() throws -> String {
        guard let swift = executable(named: "swift"),
            let binPath = try? runProcess(swift, ["build", "--package-path", repository.path, "--show-bin-path"]).trimmingCharacters(in: .whitespacesAndNewlines)
        else { throw XCTSkip("`swift build --show-bin-path` failed in \(repository.path)") }
        let path = binPath + "/eltop"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("no eltop binary at \(path): run `swift build` first") }
        return path
    }

    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// tmux's own terminal type if this machine's terminfo knows it, else plain screen.
    private static func paneTerm() -> String {
        ["/usr/share/terminfo/t/tmux-256color", "/lib/terminfo/t/tmux-256color", "/etc/terminfo/t/tmux-256color"]
            .contains { FileManager.default.fileExists(atPath: $0) } ? "tmux-256color" : "screen"
    }

    private static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String { try Self.runProcess(tmux, ["-L", socket] + arguments) }

    /// Runs a tool to the end through `ChildProcess` (a clean signal mask, output via a file: tmux's
    /// server would otherwise inherit blocked signals and hold a pipe open); stderr is dropped.
    @discardableResult
    static func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try ChildProcess.run(executable, arguments, errors: .discarded)
        guard status == 0 else {
            throw E2EError("\(executable) \(arguments.joined(separator: " ")) exited with status \(status)")
        }
        return output
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
