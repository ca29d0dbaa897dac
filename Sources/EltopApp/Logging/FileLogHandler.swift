import Foundation
import Synchronization
import Logging

/// A swift-log handler that appends one line per message to a file:
/// `2025-01-31T14:03:07.123Z warning eltop.source: poll failed error=timeout`.
///
/// swift-log's default handler writes to stdout, which would draw over the dashboard; this one never
/// touches the screen. The file is shared by every logger (one descriptor, one lock), opened with
/// O_APPEND so lines from this process and from stderr (redirected to the same file) do not overwrite
/// each other.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let file: LogFile

    public init(label: String, file: LogFile, level: Logger.Level) {
        self.label = label
        self.file = file
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var line = "\(LogFile.timestamp(Date())) \(event.level) \(label): \(event.message)"
        for key in all.keys.sorted() { line += " \(key)=\(all[key]!)" }
        file.append(line + "\n")
    }
}

/// An open log file: created with mode 0600 (logs may name hosts and databases), appended to under a lock.
public final class LogFile: Sendable {
    public let path: String
    /// The descriptor; the lock keeps one line's writes together when loggers on several threads append.
    private let fd: Mutex<Int32>

    /// Opens `path` for appending, creating it and its missing directories (0700).
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot open log file \(path): \(String(cString: strerror(errno)))"])
        }
        // An existing file keeps its mode on open; make sure it is private too. Only a regular file:
        // `--log-file /dev/null` run as root must not make /dev/null unwritable for everyone else.
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { fchmod(fd, 0o600) }
        self.fd = Mutex(fd)
        self.path = path
    }

    deinit { fd.withLock { _ = close($0) } }

    func append(_ text: String) {
        let bytes = Array(text.utf8)
        fd.withLock { fd in
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return }
                    offset += n
                }
            }
        }
    }

    /// UTC with milliseconds, so lines sort and compare across machines.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
