import Foundation

/// A dbt artifact's bytes, read whole by `read(2)` into one buffer of the size `fstat` gives, and
/// refused when the file is not the one its signature describes or changed while being read (dbt
/// writes artifacts in place, so a read can catch half a file).
///
/// Why not `Data(contentsOf:)` or a mapping: a mapping of a file dbt truncates under it raises SIGBUS,
/// and a 100 MB manifest is then read into memory anyway; here it is one copy from the page cache into
/// one buffer. The buffer does not ask for huge pages (`MADV_HUGEPAGE`, tried 2026-12-02): on this
/// project's VM a fresh 2 MiB page is memory the host backs on first touch, and the advice made the read
/// slower, not faster (docs/benchmarks.md, 2026-12-03).
enum ArtifactFile {
    static func contents(_ path: String, signature: FileSignature) throws -> [UInt8] {
        let name = (path as NSString).lastPathComponent
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DbtArtifactError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let changed = DbtArtifactError("\(name) changed while being read; retrying")
        guard FileSignature(descriptor: descriptor) == signature else { throw changed }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: signature.size) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            while count < buffer.count {
                let got = read(descriptor, start + count, buffer.count - count)
                if got > 0 {
                    count += got
                } else if got == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        guard failure == 0 else { throw DbtArtifactError("cannot read \(path): \(String(cString: strerror(failure)))") }
        guard bytes.count == signature.size, FileSignature(path: path) == signature else { throw changed }
        return bytes
    }
}
