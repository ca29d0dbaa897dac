import Dispatch
import EltopJSON
#if canImport(Glibc)
import Glibc
#endif

/// The second thread of a manifest read (`DbtManifestScan`): where it starts, and its half once done.
///
/// Why: reading the nodes of a 5,000-model manifest is a tenth of a second of one core, most of a
/// `snapshot --json`; the dashboard's host has more than one. The second half cannot be told from the
/// bytes alone (a quote opens or closes a string depending on all that came before), so the start
/// is a guess: the first key after the middle that looks like a node's (`,"model.…": {` — a quote after
/// a comma is never inside a string, as a string's own quotes are escaped). `DbtManifestScan` proves or
/// drops the guess; this type only finds it and runs the second half.
final class DbtManifestSplit: @unchecked Sendable {
    /// The offset of the quote of the key the second half starts at.
    let key: Int
    private let done = DispatchSemaphore(value: 0)
    /// Written by the second thread before `done` is signalled, read by the first after waiting.
    private var half: DbtManifestScan.Half?
    private var waited = false

    /// How far past the middle a node's key is looked for before the read stays on one thread.
    static let searchWindow = 4 << 20
    static let nodePrefixes: [[UInt8]] = ["model.", "test.", "seed.", "snapshot.", "analysis.", "operation."].map { Array($0.utf8) }

    private init(key: Int) {
        self.key = key
    }

    /// Finds the first node-like key from `from` and starts reading from it on another thread; nil when
    /// there is none near (then one thread reads it all).
    static func start(in bytes: UnsafeBufferPointer<UInt8>, searchingFrom from: Int) -> DbtManifestSplit? {
        guard let key = nodeKey(in: bytes, from: from) else { return nil }
        let split = DbtManifestSplit(key: key)
        let shared = SharedBytes(buffer: bytes)
        DispatchQueue.global(qos: .userInitiated).async {
            split.half = try? DbtManifestScan.Half.read(shared.buffer, from: key)
            split.done.signal()
        }
        return split
    }

    /// The second half, or nil if it could not be read from its start (the first thread then reads
    /// it, and reports what is wrong with it). Waits for the second thread; called again, returns at once.
    @discardableResult
    func wait() -> DbtManifestScan.Half? {
        if !waited {
            done.wait()
            waited = true
        }
        return half
    }

    /// The offset of the opening quote of the first `,"<node prefix>…": {` from `from` within `searchWindow`.
    static func nodeKey(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let limit = min(bytes.count, from + searchWindow)
        var position = max(from, 1)
        while position < limit {
            guard let found = memchr(base + position, Int32(UInt8(ascii: "\"")), limit - position) else { return nil }
            let quote = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            position = quote + 1
            var before = quote - 1
            while before > 0, isWhitespace(base[before]) { before -= 1 }
            guard base[before] == UInt8(ascii: ","), startsWithNodePrefix(base + quote + 1, available: limit - quote - 1),
                let close = memchr(base + quote + 1, Int32(UInt8(ascii: "\"")), limit - quote - 1)
            else { continue }
            var after = UnsafePointer<UInt8>(close.assumingMemoryBound(to: UInt8.self)) - base + 1
            guard base[after - 2] != UInt8(ascii: "\\") else { continue }
            while after < limit, isWhitespace(base[after]) { after += 1 }
            guard after < limit, base[after] == UInt8(ascii: ":") else { continue }
            after += 1
            while after < limit, isWhitespace(base[after]) { after += 1 }
            if after < limit, base[after] == UInt8(ascii: "{") { return quote }
        }
        return nil
    }

    private static func startsWithNodePrefix(_ start: UnsafePointer<UInt8>, available: Int) -> Bool {
        nodePrefixes.contains { prefix in prefix.count <= available && memcmp(start, prefix, prefix.count) == 0 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// The manifest's bytes handed to the second thread: read-only, and `DbtManifestScan.read` waits for
/// that thread before the mapping behind them goes.
private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}
