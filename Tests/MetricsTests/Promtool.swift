import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// Debian's `promtool` (package `prometheus`, in the Makefile's APT_PACKAGES): the reference checker of
/// expositions and rule files.
enum Promtool {
    static let path = "/usr/bin/promtool"

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `promtool check metrics` reads the exposition on stdin; its lint findings and errors are its output.
    static func checkMetrics(_ text: String) throws -> (status: Int32, output: String) {
        try available()
        let file = NSTemporaryDirectory() + "eltop-exposition-\(UUID().uuidString).prom"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        return try ChildProcess.run("/bin/sh", ["-c", "\(path) check metrics < '\(file)'"])
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try available()
        return try ChildProcess.run(path, arguments)
    }

    private static func available() throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("promtool is missing: `make deps` installs Debian's prometheus package")
        }
    }
}
