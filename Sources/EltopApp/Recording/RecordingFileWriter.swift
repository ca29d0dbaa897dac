import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The recording's file, written with write(2) and no buffer of eltop's own: a line is in the kernel's
/// hands when `append` returns, so a crash of eltop loses nothing already applied. Created 0600: a
/// recording holds no secret, but it does hold table names and error texts of someone's pipeline.
final class RecordingFileWriter {
    private var fd: Int32
    private(set) var bytesWritten = 0

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecordingWriteError(path: path, errno: errno) }
        self.path = path
    }

    private let path: String

    func append(_ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RecordingWriteError(path: path, errno: errno)
                }
                offset += written
            }
        }
        bytesWritten += data.count
    }

    func close() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
    }

    deinit { close() }
}

/// A failed open or write, with the system's words for why and what to do.
struct RecordingWriteError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32

    var description: String {
        let reason = String(cString: strerror(errno))
        switch errno {
        case ENOSPC, EDQUOT: return "\(reason) (free some space, or record to another disk with --record)"
        case EACCES, EPERM, EROFS: return "\(reason) (choose a writable path for --record)"
        case ENOENT: return "\(reason) (the directory of \(path) does not exist)"
        default: return reason
        }
    }
}

/// Size rotation, as logrotate names files: FILE → FILE.1 → FILE.2 …, the oldest beyond `keeping` removed.
/// An existing recording at FILE is rotated away the same way before a new one starts, never overwritten.
enum RecordingRotation {
    static func shift(_ path: String, keeping kept: Int) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: path) else { return }
        if kept < 1 { return try files.removeItem(atPath: path) }
        try? files.removeItem(atPath: "\(path).\(kept)")
        for index in stride(from: kept - 1, through: 1, by: -1) where files.fileExists(atPath: "\(path).\(index)") {
            try files.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
        }
        try files.moveItem(atPath: path, toPath: "\(path).1")
    }
}
