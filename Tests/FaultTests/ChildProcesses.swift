import Foundation

/// The processes whose parent is this test process, from /proc: what a fault case must not leave
/// behind (a child still running, or one that exited and was never reaped).
enum ChildProcesses {
    /// "pid (comm) state" of each child, sorted by pid.
    static func ofThisProcess() -> [String] {
        let me = getpid()
        var found: [(pid_t, String)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == me else { continue }
            found.append((pid, "\(stat[..<stat.index(after: close)]) \(fields[0])"))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
