import EltopJSON
import XCTest

/// Replays every input in FuzzRegressions (inputs that once crashed or confused the scanner, and the
/// hand-made edge cases the fuzzer started from) through the same two passes as `make fuzz`.
final class FuzzRegressionTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    func testEveryRegressionInputEndsInAValueOrAnError() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
            let (read, skipped) = bytes.withUnsafeBufferPointer { buffer in
                var reader = JSONScanner(buffer)
                let read = (try? readAll(&reader)).map { (try? reader.expectEnd()) != nil } ?? false
                var skipper = JSONScanner(buffer)
                let skipped = (try? skipper.skipValue()).map { (try? skipper.expectEnd()) != nil } ?? false
                return (read, skipped)
            }
            XCTAssertFalse(read && !skipped, "\(file): read accepted what skip refused")
        }
    }

    private func readAll(_ scanner: inout JSONScanner) throws {
        switch try scanner.peekKind() {
        case .object: try scanner.forEachMember { scanner, _ in try readAll(&scanner) }
        case .array: try scanner.forEachElement { scanner in try readAll(&scanner) }
        case .string: _ = try scanner.readString()
        case .number: _ = try scanner.readDouble()
        case .bool: _ = try scanner.readBool()
        case .null: try scanner.readNull()
        }
    }
}
