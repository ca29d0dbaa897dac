import Foundation

/// A dbt artifact's bytes, read whole by `read(2)` into one buffer of the size `fstat` gives, and
/// refused when the file is not the one its signature describes or changed while being read (dbt
/// writes artifacts in place, so a read can catch half a file).
///
/// Why not `Data(contentsOf:)` or a mapping: a mapping of a file dbt truncates under it raises SIGBUS,
/// and a 100 MB manifest is then read into memory anyway; here it is one copy from the page cache into
/// a buffer that asks for huge pages, so that 25,000 page faults become about 50.
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
            adviseHugePages(start, count: buffer.count)
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

    /// Huge pages for the 2 MiB-aligned part of a large buffer, when the kernel offers them (the
    /// advice is ignored elsewhere, and a failure only costs the page faults it would have saved).
    private static func adviseHugePages(_ start: UnsafeMutablePointer<UInt8>, count: Int) {
        let huge = 2 << 20
        guard count >= 2 * huge else { return }
        let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
        let last = (Int(bitPattern: start) + count) & ~(huge - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        #if os(Linux)
            _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
