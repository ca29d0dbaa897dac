import EltopCore
import Foundation
import Logging
#if os(Linux)
import Glibc
#endif

/// Gives back the code pages that only the start needed, once the dashboard has settled.
///
/// Why: the release binary is one 22 MiB text segment (the Swift runtime, Foundation, the argument
/// parser, YAML, every pane), and the kernel maps file pages 64 kB around each one touched, so the start
/// (parsing arguments, reading the config, Foundation's and the runtime's initialisers) leaves 14–16 MiB of
/// eltop's code resident that the idle loop never runs again, and the shared libraries' start (libcurl and
/// its TLS chain, loaded whatever is configured) another few MiB of mapped pages: most of an idle
/// dashboard's RSS (docs/benchmarks.md, "start-up pages"). Once every configured feed has answered its
/// first poll and a few more seconds have passed, this drops the process's mappings of those pages with
/// `madvise(MADV_DONTNEED)`. The pages stay in the page cache: code the idle loop runs comes back at its
/// next call as a minor fault (no disk read), the rest stays out of eltop's RSS until something runs it.
///
/// Only mappings it is safe to drop are chosen (`releasable`): backed by a file, private, not writable,
/// and with no anonymous page. A private mapping's anonymous pages are copies the process wrote
/// (relocated data, a RELRO segment made read-only after the loader relocated it): dropping them would
/// bring back the file's unrelocated bytes. A mapping that is not writable cannot gain such a page
/// afterwards, and its other pages are the file's own, so dropping them changes nothing but residency.
/// Anything unexpected (no /proc, an unreadable smaps, a line it cannot parse) releases nothing more.
/// Linux only; elsewhere a no-op.
@MainActor
final class StartupPageRelease: RuntimeSubscriber {
    /// How long after the first round of polls the pages are dropped: the frames that follow it (the
    /// first readings drawn, a second poll) run the idle path once more before its pages go.
    static let settle: TimeInterval = 3
    private var waiting: Set<Feed>
    private var scheduled = false

    init(feeds: Set<Feed>) {
        waiting = feeds
    }

    func runtimeDidStart(_ runtime: Runtime) {
        if waiting.isEmpty { schedule() }
    }

    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        guard !scheduled else { return }
        switch event {
        case .pollSucceeded(let reading, _): waiting.remove(reading.feed)
        case .pollFailed(let feed, _, _, _): waiting.remove(feed)
        default: return
        }
        if waiting.isEmpty { schedule() }
    }

    private func schedule() {
        guard !scheduled else { return }
        scheduled = true
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + Self.settle) {
            let released = StartupPageRelease.release()
            Logger(label: "eltop.app").debug("start-up pages released", metadata: ["bytes": "\(released)"])
        }
    }

    /// One mapping of /proc/self/smaps: its address range, permissions ("r-xp"), path (empty for
    /// anonymous memory) and its Anonymous kB.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        var permissions: String
        var path: String
        var anonymousKiB: Int
    }

    /// Drops this process's releasable mappings; returns how many bytes were advised.
    @discardableResult
    nonisolated static func release() -> Int {
        #if os(Linux)
        guard let smaps = readWhole("/proc/self/smaps") else { return 0 }
        var released = 0
        for mapping in releasable(mappings(smaps: smaps)) {
            let length = Int(mapping.end - mapping.start)
            if madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), length, MADV_DONTNEED) == 0 { released += length }
        }
        return released
        #else
        return 0
        #endif
    }

    #if os(Linux)
    /// A /proc file read to its end with read(2). Foundation's `String(contentsOfFile:)` stopped after
    /// the first mappings of eltop's smaps (a /proc file has no size to read up to), so only the
    /// executable's were ever released.
    nonisolated static func readWhole(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return nil }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
    #endif

    /// The mappings that can be dropped without losing a byte: a file's (eltop's own or a library's;
    /// not `[heap]`, `[stack]`, `[vdso]` or anonymous memory), not writable, private, and without an
    /// anonymous page.
    nonisolated static func releasable(_ mappings: [Mapping]) -> [Mapping] {
        mappings.filter { mapping in
            let permissions = Array(mapping.permissions)
            return mapping.path.hasPrefix("/") && permissions.count == 4
                && permissions[1] == "-" && permissions[3] == "p" && mapping.anonymousKiB == 0 && mapping.end > mapping.start
        }
    }

    /// Parses /proc/PID/smaps. A mapping whose Anonymous line is missing counts as anonymous (never
    /// releasable); a line that cannot be read ends the parse, keeping what came before.
    nonisolated static func mappings(smaps: String) -> [Mapping] {
        var result: [Mapping] = []
        for line in smaps.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first.hasSuffix(":") {
                if first == "Anonymous:", fields.count >= 2, let kib = Int(fields[1]), !result.isEmpty {
                    result[result.count - 1].anonymousKiB = kib
                }
                continue
            }
            let bounds = first.split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                  fields.count >= 5 else { break }
            let path = fields.count == 6 ? String(fields[5]).trimmingCharacters(in: .whitespaces) : ""
            result.append(Mapping(start: start, end: end, permissions: String(fields[1]), path: path, anonymousKiB: Int.max))
        }
        return result
    }
}
