import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// The real eltop binary run as cron would: stdin from /dev/null, stdout and stderr into one file, an
/// environment of its own (nothing of the test's), the config in a temp file. The first argument is the
/// command; `--config` and `--log-file` follow it, before anything after a `--`.
///
/// `@unchecked Sendable`: its one mutable field, `exitStatus`, is set by the waits, which a test runs
/// one after another from its own task, never two at once.
final class EltopProcess: @unchecked Sendable {
    let pid: pid_t
    let config: String
    private let outputPath: String
    private let configPath: String
    private(set) var exitStatus: Int32?

    init(_ arguments: [String], config: String) throws {
        self.config = config
        let stem = NSTemporaryDirectory() + "eltop-pipeline-\(UUID().uuidString.prefix(8))"
        configPath = stem + ".yaml"
        outputPath = stem + ".out"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = ["PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "LANG=C.UTF-8"]
        pid = try ChildProcess.spawn(
            "/usr/bin/env", ["-i"] + environment + [try TmuxEltop.eltopBinary()] + arguments.prefix(1) + ["--config", configPath, "--log-file", stem + ".log"] + arguments.dropFirst(),
            outputPath: outputPath)
    }

    /// A test that returns before the exit (or fails on the way) still leaves no process or zombie behind.
    deinit { kill() }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    func signal(_ signo: Int32) { Foundation.kill(pid, signo) }

    /// Waits for the exit, failing with the output at the deadline.
    func waitForExit(seconds: Double = 20) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = reap() { return status }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw E2EError("eltop did not exit within \(seconds)s; it wrote:\n\(output)")
    }

    func waitForOutput(_ text: String, seconds: Double = 15) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return }
            if reap() != nil { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw E2EError("eltop never wrote \"\(text)\"; it wrote:\n\(output)")
    }

    private func reap() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }

    /// Every live process below eltop (dbt and what it started), from /proc.
    func descendants() -> [pid_t] {
        var parents: [pid_t: pid_t] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[child] = parent }
        }
        var found: [pid_t] = []
        var frontier = [pid]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Kills eltop if a failed test left it running, and removes its files.
    func kill() {
        if reap() == nil {
            Foundation.kill(pid, SIGKILL)
            _ = ChildProcess.wait(pid)
        }
        for path in [configPath, outputPath] { unlink(path) }
    }
}
