import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// The real eltop binary on a pseudo-terminal of the test's own, whose master the test reads only when
/// it chooses: what a terminal emulator or an SSH session that stopped draining looks like to eltop.
/// tmux cannot stand in, since its server always reads its panes.
///
/// eltop runs in a session of its own (no controlling terminal needed: it draws to the slave it was
/// given); a resize is the window size set on the pty and SIGWINCH sent, as a terminal emulator's
/// kernel would. Everything eltop wrote and the test has read is kept in `output`.
///
/// `@unchecked Sendable`: its mutable fields (`output`, `exitStatus`) are used by one test at a time,
/// one call after another from that test's task.
final class PseudoTerminalEltop: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32
    private(set) var output = Data()
    private(set) var exitStatus: Int32?
    let stem: String
    /// The tty's settings before eltop started, to compare with after it exits.
    let termiosBefore: Data

    /// `TIOCSPTLCK` and `TIOCGPTN` (`_IOW('T', 0x31, int)`, `_IOR('T', 0x30, unsigned int)`): macros Swift does not import.
    private static let setLock: UInt = 0x4004_5431
    private static let getNumber: UInt = 0x8004_5430

    init(config: String, cols: UInt16, rows: UInt16, arguments extra: [String] = []) throws {
        stem = NSTemporaryDirectory() + "eltop-pty-\(UUID().uuidString.prefix(8))"
        try config.write(toFile: stem + ".yaml", atomically: true, encoding: .utf8)
        // posix_openpt, unlockpt and ptsname as glibc does them (Swift's Glibc module leaves the
        // XOPEN functions out): /dev/ptmx, then TIOCSPTLCK and TIOCGPTN (devpts needs no grantpt).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.setLock, &unlock) == 0, ioctl(master, Self.getNumber, &number) == 0 else {
            throw E2EError("no pseudo-terminal")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw E2EError("cannot open the pty's slave") }
        defer { close(slave) }
        var attributesBefore = termios()
        tcgetattr(slave, &attributesBefore)
        termiosBefore = Self.bytes(attributesBefore)
        var size = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        let arguments = [
            "-i", "PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "LANG=C.UTF-8", "TERM=xterm-256color",
            try TmuxEltop.eltopBinary(), "--config", stem + ".yaml", "--log-file", stem + ".log",
        ] + extra
        let master = self.master
        pid = try ChildProcess.spawn("/usr/bin/env", arguments, newSession: true) { actions in
            for fd in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
            posix_spawn_file_actions_addclose(&actions, master)
        }
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = reap(blocking: true)
        }
        close(master)
        for suffix in [".yaml", ".log"] { unlink(stem + suffix) }
    }

    /// What eltop wrote to its `--log-file`.
    var log: String { (try? String(contentsOfFile: stem + ".log", encoding: .utf8)) ?? "" }

    /// The text read so far, escape sequences and all.
    var text: String { String(decoding: output, as: UTF8.self) }

    /// Reads whatever the pty holds now, without waiting.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { return }
            output.append(contentsOf: buffer[0..<count])
        }
    }

    /// Reads until `text` is among what eltop wrote, or fails at the deadline.
    func readUntil(_ text: String, seconds: Double = 15) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            drain()
            if self.text.contains(text) { return }
            if reap(blocking: false) != nil { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw E2EError("eltop never wrote \"\(text)\"; its log:\n\((try? String(contentsOfFile: stem + ".log", encoding: .utf8)) ?? "")")
    }

    /// Types `text` as a user at the terminal would.
    func type(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Bytes written by eltop and not read yet.
    var unread: Int {
        var count: Int32 = 0
        _ = ioctl(master, UInt(FIONREAD), &count)
        return Int(count)
    }

    func resize(cols: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        kill(pid, SIGWINCH)
    }

    /// The tty's settings now.
    var termiosNow: Data {
        var now = termios()
        tcgetattr(master, &now)
        return Self.bytes(now)
    }

    private static func bytes(_ value: termios) -> Data {
        withUnsafeBytes(of: value) { Data($0) }
    }

    /// Every process still in eltop's session (eltop was started as its leader): what it started and left.
    var sessionMembers: [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard let member = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 3 && pid_t(fields[3]) == pid ? member : nil
        }
    }

    /// eltop's resident memory, KiB.
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap { Int($0.split(separator: " ")[1]) }
    }

    /// The system call each of eltop's threads is in (`/proc/PID/task/TID/syscall`'s first field), for
    /// the threads whose file can be read and that are in one. On Linux the main actor's work runs on
    /// whichever thread drains the main queue, so the writer is found among all of them.
    var threadSyscalls: [Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/syscall", encoding: .utf8) else { return nil }
            return text.split(separator: " ").first.flatMap { Int($0) }
        }
    }

    /// Sends `signo` and waits for the exit.
    func stop(_ signo: Int32, seconds: Double = 10) async throws -> Int32 {
        kill(pid, signo)
        return try await exit(seconds: seconds)
    }

    /// Waits for the exit, reading meanwhile so it is not held up by a full pty.
    func exit(seconds: Double = 10) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            drain()
            if let status = reap(blocking: false) { return status }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw E2EError("eltop did not exit within \(seconds)s")
    }

    private func reap(blocking: Bool) -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, blocking ? 0 : WNOHANG) == pid else { return nil }
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }
}
