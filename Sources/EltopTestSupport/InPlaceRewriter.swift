import Foundation
import Synchronization

/// A thread that rewrites files in place until stopped, as a writer that truncates and then writes in
/// 1,500-byte chunks leaves them between its writes (what a reader polling dbt's artifacts meets while
/// dbt writes them). Every `replaceWholeEvery` rounds the first file is also replaced by rename, as
/// an atomic writer would.
public final class InPlaceRewriter: Sendable {
    private let stopped = Mutex(false)
    private let finished = Mutex(false)

    public init(files: [(path: String, data: Data)], replaceWholeEvery: Int? = nil) {
        Thread { [self] in
            var round = 0
            while !stopped.withLock({ $0 }) {
                round += 1
                for (path, data) in files {
                    guard let handle = FileHandle(forWritingAtPath: path) else { continue }
                    handle.truncateFile(atOffset: 0)
                    var offset = 0
                    while offset < data.count {
                        handle.write(data.subdata(in: offset..<min(data.count, offset + 1500)))
                        offset += 1500
                    }
                    handle.closeFile()
                }
                if let every = replaceWholeEvery, round % every == 0, let (path, data) = files.first {
                    try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
                }
                usleep(2000)
            }
            finished.withLock { $0 = true }
        }.start()
    }

    /// Stops the thread and returns once it has ended (no write of its can follow).
    public func stop() {
        stopped.withLock { $0 = true }
        while !finished.withLock({ $0 }) { usleep(1000) }
    }
}
