@testable import EltopApp
import Foundation
import XCTest

/// Which mappings the start-up page release may drop: a file's, never a writable or shared one, never one
/// holding a page the process wrote, never anonymous memory; and dropping them in a running process loses nothing.
final class StartupPageReleaseTests: XCTestCase {
    private let exe = "/usr/local/bin/eltop"

    /// The shape of a release binary's smaps (lld: read-only data, text, RELRO, data), with a library and the heap.
    private var smaps: String {
        """
        55d0a0000000-55d0a0400000 r--p 00000000 08:01 1234                       \(exe)
        Size:               4096 kB
        Rss:                1200 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me
        55d0a0400000-55d0a1800000 r-xp 00400000 08:01 1234                       \(exe)
        Size:              20480 kB
        Rss:               15000 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me
        55d0a1800000-55d0a1900000 r--p 01800000 08:01 1234                       \(exe)
        Size:               1024 kB
        Rss:                1024 kB
        Anonymous:          1020 kB
        VmFlags: rd mr mw me ac
        55d0a1900000-55d0a1910000 rw-p 01900000 08:01 1234                       \(exe)
        Size:                 64 kB
        Rss:                  64 kB
        Anonymous:             0 kB
        VmFlags: rd wr mr mw me ac
        55d0a1910000-55d0a1920000 rw-s 00000000 08:01 1234                       \(exe)
        Anonymous:             0 kB
        7f0000000000-7f0000200000 r-xp 00028000 08:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Anonymous:             0 kB
        55d0a2000000-55d0a2100000 rw-p 00000000 00:00 0                          [heap]
        Anonymous:          1024 kB
        7f0000300000-7f0000310000 r--p 00000000 08:01 1235                       \(exe) copy
        Anonymous:             0 kB
        7fff00000000-7fff00002000 r-xp 00000000 00:00 0                          [vdso]
        Anonymous:             0 kB
        7f0000400000-7f0000410000 r--p 00000000 00:00 0 
        Anonymous:             0 kB
        """
    }

    func testOnlyUnwrittenReadOnlyFileMappingsAreChosen() {
        let all = StartupPageRelease.mappings(smaps: smaps)
        XCTAssertEqual(all.count, 10, "every mapping is read")
        XCTAssertEqual(all[7].path, "\(exe) copy", "a path with a space is kept whole")
        XCTAssertEqual(all.last?.path, "", "an anonymous mapping has no path")
        let chosen = StartupPageRelease.releasable(all)
        XCTAssertEqual(chosen.map(\.path), [exe, exe, "/usr/lib/x86_64-linux-gnu/libc.so.6", "\(exe) copy"],
                       "eltop's read-only data and text, a library's text, another file's read-only data")
        XCTAssertEqual(chosen.map(\.start), [0x55d0_a000_0000, 0x55d0_a040_0000, 0x7f00_0000_0000, 0x7f00_0030_0000])
        XCTAssertFalse(chosen.contains { $0.permissions.contains("w") }, "never a writable mapping")
        XCTAssertFalse(chosen.contains { $0.anonymousKiB != 0 }, "never the relocated RELRO mapping")
        XCTAssertFalse(chosen.contains { $0.permissions.hasSuffix("s") }, "never a shared mapping")
        XCTAssertFalse(chosen.contains { !$0.path.hasPrefix("/") }, "never the heap, the vdso or anonymous memory")
    }

    func testAMappingWithoutAnAnonymousLineOrAnUnreadableLineIsNeverChosen() {
        let noAnonymous = "55d0a0000000-55d0a0400000 r-xp 00000000 08:01 1234 \(exe)\nRss: 12 kB\n"
        XCTAssertEqual(StartupPageRelease.releasable(StartupPageRelease.mappings(smaps: noAnonymous)), [])
        let garbled = "not a mapping\n55d0a0000000-55d0a0400000 r-xp 00000000 08:01 1234 \(exe)\nAnonymous: 0 kB\n"
        XCTAssertEqual(StartupPageRelease.mappings(smaps: garbled), [], "the parse stops at a line it cannot read")
    }

    #if os(Linux)
    /// In this test process: its own executable's code is dropped, and the process runs on (the code it
    /// needs comes back from the page cache) with its written data intact.
    func testReleasingInThisProcessDropsItsCodeAndKeepsItsData() throws {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let smaps = try XCTUnwrap(StartupPageRelease.readWhole("/proc/self/smaps"))
        XCTAssertTrue(smaps.contains("[stack]"), "the whole smaps is read, to the stack near its end, not its first 4 kB")
        let all = StartupPageRelease.mappings(smaps: smaps)
        XCTAssertTrue(StartupPageRelease.releasable(all).contains { $0.path.contains("/libc.so") }, "the libraries' text is chosen too")
        let mine = all.filter { $0.path == executable }
        XCTAssertTrue(mine.contains { $0.permissions == "r-xp" }, "the executable's text is mapped")
        let chosen = StartupPageRelease.releasable(mine)
        XCTAssertTrue(chosen.contains { $0.permissions == "r-xp" }, "its text is chosen")
        XCTAssertTrue(chosen.allSatisfy { !$0.permissions.contains("w") && $0.anonymousKiB == 0 })
        let written = (1...1000).map { "value \($0)" }
        let released = StartupPageRelease.release()
        XCTAssertGreaterThanOrEqual(released, chosen.reduce(0) { $0 + Int($1.end - $1.start) }, "the executable's chosen mappings were advised, and the libraries'")
        XCTAssertEqual(written.last, "value 1000", "the heap is untouched")
        XCTAssertEqual(StartupPageRelease.mappings(smaps: try XCTUnwrap(StartupPageRelease.readWhole("/proc/self/smaps")))
            .filter { $0.path == executable }.count, mine.count, "the mappings themselves stay")
    }
    #endif
}
