@testable import EltopReplication
import XCTest

/// Replays every input in FuzzRegressions (messages `make fuzz` found, and hand-made ones of the same
/// kind) through the decoder: each must end in a `DecodeError`, quickly, without reserving memory for
/// a count the message cannot hold.
final class PgOutputFuzzRegressionTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    func testEveryRegressionInputIsRefusedAsTruncated() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        XCTAssertGreaterThanOrEqual(files.count, 3)
        for file in files {
            let bytes = try Data(contentsOf: Self.directory.appendingPathComponent(file))
            let outcome = Result { try bytes.withUnsafeBytes { try PgOutputDecoder.decode($0) } }
            guard case .failure(let error as DecodeError) = outcome, case .truncated = error else {
                return XCTFail("\(file): \(outcome), expected a truncated message")
            }
        }
    }

    /// A Truncate naming more relations than its bytes hold is refused before anything is reserved.
    func testATruncateCountBeyondTheMessageIsTruncated() {
        let message: [UInt8] = [UInt8(ascii: "T"), 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 1]
        XCTAssertThrowsError(try message.withUnsafeBytes { try PgOutputDecoder.decode($0) }) { error in
            XCTAssertEqual(error as? DecodeError, .truncated(at: 6, needed: 4 * 0xFFFF_FFFF))
        }
    }
}
