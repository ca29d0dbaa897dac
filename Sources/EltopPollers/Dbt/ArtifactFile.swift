import CFileMap
import Foundation

/// A dbt artifact's bytes, refused when the file is not the one its signature describes or changed
/// while being read (dbt writes artifacts in place, so a read can catch half a file).
///
/// Two ways in. `contents` reads the file by `read(2)` into one buffer of the size `fstat` gives (run_results,
/// a few MB). `withMapped` maps it (the manifest, ~100 MB for 5,000 models): copying that into a fresh
/// buffer was a third of `snapshot --json` (the kernel zeroes each new page, then copies into it), while
/// a mapping hands the reader the page cache's own pages. A mapping of a file dbt truncates under it raises
/// SIGBUS when a page past the new end is touched; `CFileMap` guards the mapping against exactly that
/// (zeros instead of the signal, which no JSON reader accepts) and the read is refused as changed.
enum ArtifactFile {
    /// Calls `body` with the file's bytes, mapped; throws when the file is not `signature`'s or changed
    /// (shrank under the mapping, or was written) while `body` read it, whatever `body` returned.
    static func withMapped<Result>(
        _ path: String, signature: FileSignature, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws -> Result {
        try opened(path, signature: signature) { descriptor, changed in
            guard signature.size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            var slot: Int32 = 0
            guard let mapping = eltop_map_guarded(descriptor, signature.size, &slot) else {
                throw DbtArtifactError("cannot map \(path): \(String(cString: strerror(errno)))")
            }
            let result: Swift.Result<Result, Error> = Swift.Result {
                try body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: signature.size))
            }
            let shrank = eltop_unmap_guarded(mapping, signature.size, slot) != 0
            guard !shrank, FileSignature(path: path) == signature else { throw changed }
            return try result.get()
        }
    }

    static func contents(_ path: String, signature: FileSignature) throws -> [UInt8] {
        try opened(path, signature: signature) { descriptor, changed in
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

    /// Opens `path` for `body` and closes it after; refuses a file that is not `signature`'s. `body` gets
    /// the descriptor and the error to throw when the file changes under it.
    private static func opened<Result>(
        _ path: String, signature: FileSignature, _ body: (Int32, DbtArtifactError) throws -> Result
    ) throws -> Result {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DbtArtifactError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let changed = DbtArtifactError("\((path as NSString).lastPathComponent) changed while being read; retrying")
        guard FileSignature(descriptor: descriptor) == signature else { throw changed }
        return try body(descriptor, changed)
    }
}
