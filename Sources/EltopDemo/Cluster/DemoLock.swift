import Foundation

/// Marks a demo directory as in use by one `eltop demo`: an exclusive `flock` on a file holding the pid.
///
/// The kernel drops the lock when the process ends however it ends, so a killed run never leaves a lock
/// that a later run must guess about; the pid in the file is only for the message.
public final class DemoLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock, or returns the pid of the `eltop demo` that holds it.
    public static func acquire(_ path: String) throws -> Result<DemoLock, HeldBy> {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DemoError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let pid = count > 0 ? pid_t(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            return .failure(HeldBy(pid: pid))
        }
        ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        return .success(DemoLock(fd: fd))
    }

    /// Who holds a demo's lock.
    public struct HeldBy: Error, Sendable {
        public var pid: pid_t?
        public var text: String { pid.map { "pid \($0)" } ?? "another process" }
    }
}

/// What `stack.json` records about a demo: where its servers listen and what data it holds. It is
/// written with `complete = true` only once setup finished, so a directory without it is a half-created
/// demo from a killed run.
public struct StackRecord: Codable, Sendable, Equatable {
    public var sourcePort: Int
    public var warehousePort: Int
    public var seed: UInt64
    public var scale: Int
    public var complete: Bool

    static func read(_ path: String) -> StackRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(StackRecord.self, from: data)
    }

    func write(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
