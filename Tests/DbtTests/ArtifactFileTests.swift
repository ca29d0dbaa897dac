import Foundation
import XCTest

@testable import EltopPollers

/// The manifest is read through a mapping; dbt truncating the file under it must cost a retry, never
/// the process (SIGBUS on a page past the new end).
final class ArtifactFileTests: XCTestCase {
    private func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("artifact-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testTheMappedBytesAreTheFilesAndAnEmptyFileIsEmpty() throws {
        let bytes = Array("{\"nodes\":{}}".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 3 * 4096)
        let path = try file(bytes)
        let signature = try XCTUnwrap(FileSignature(path: path))
        XCTAssertEqual(try ArtifactFile.withMapped(path, signature: signature) { Array($0) }, bytes)
        let empty = try file([])
        XCTAssertEqual(try ArtifactFile.withMapped(empty, signature: XCTUnwrap(FileSignature(path: empty))) { $0.count }, 0)
    }

    /// Truncated while mapped, as dbt's in-place write does: the pages past the new end read as zeros
    /// (without the guard this test dies of SIGBUS), and the read is refused as changed.
    func testAFileTruncatedUnderTheMappingIsRefusedNotACrash() throws {
        let pages = 4
        let path = try file([UInt8](repeating: UInt8(ascii: "x"), count: pages * 4096))
        let signature = try XCTUnwrap(FileSignature(path: path))
        var seen: [UInt8] = []
        XCTAssertThrowsError(
            try ArtifactFile.withMapped(path, signature: signature) { bytes in
                XCTAssertEqual(truncate(path, 0), 0)
                seen = (0..<pages).map { bytes[$0 * 4096 + 100] }
                return bytes.count
            }
        ) { error in
            XCTAssertEqual("\(error)", "\((path as NSString).lastPathComponent) changed while being read; retrying")
        }
        XCTAssertEqual(seen, [0, 0, 0, 0], "every page past the new end reads as zeros")
        // The guard is given back: the next mapping of a good file reads normally.
        let again = try file(Array("{}".utf8))
        XCTAssertEqual(try ArtifactFile.withMapped(again, signature: XCTUnwrap(FileSignature(path: again))) { Array($0) }, Array("{}".utf8))
    }

    func testAFileRewrittenWhileMappedIsRefused() throws {
        let path = try file(Array("{\"a\":1}".utf8))
        let signature = try XCTUnwrap(FileSignature(path: path))
        XCTAssertThrowsError(
            try ArtifactFile.withMapped(path, signature: signature) { _ in
                try Data("{\"a\":2}".utf8).write(to: URL(fileURLWithPath: path))
            })
    }
}
