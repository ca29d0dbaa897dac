@testable import EltopJSON
import XCTest

/// The word-at-a-time byte search must mark exactly the bytes it names: a missed mark ends a string
/// late, a false one ends it early. Every byte value is tried at every place in the word, beside
/// neighbours that catch a borrow from the byte next to it.
final class ByteWordTests: XCTestCase {
    private func word(_ bytes: [UInt8]) -> ByteWord {
        bytes.withUnsafeBufferPointer { ByteWord(at: $0.baseAddress!) }
    }

    /// Offsets of the bytes a mask marks.
    private func marked(_ mask: UInt64) -> [Int] {
        (0..<8).filter { mask & (0x80 << (8 * UInt64($0))) != 0 }
    }

    func testMatchingMarksExactlyTheEqualBytes() {
        let fillers: [UInt8] = [0x00, 0x01, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for target in [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x80, 0xFF] {
            for value in UInt8.min...UInt8.max {
                for place in 0..<8 {
                    for filler in fillers {
                        var bytes = [UInt8](repeating: filler, count: 8)
                        bytes[place] = value
                        let expected = (0..<8).filter { bytes[$0] == target }
                        XCTAssertEqual(marked(word(bytes).matching(target)), expected, "\(bytes) for \(target)")
                        XCTAssertEqual(word(bytes).matching(target) & ~0x8080_8080_8080_8080, 0, "only high bits")
                    }
                }
            }
        }
    }

    func testControlCharactersAreTheBytesBelowASpace() {
        for value in UInt8.min...UInt8.max {
            for place in 0..<8 {
                for filler: UInt8 in [0x20, 0x1F, 0x00, 0xE0, 0xFF] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = value
                    XCTAssertEqual(marked(word(bytes).controlCharacters()), (0..<8).filter { bytes[$0] < 0x20 }, "\(bytes)")
                }
            }
        }
    }

    func testFirstOffsetAndTheMarksBeforeIt() {
        let bytes = Array("ab\\c\"d\"e".utf8)
        let quotes = word(bytes).matching(UInt8(ascii: "\""))
        let backslashes = word(bytes).matching(UInt8(ascii: "\\"))
        XCTAssertEqual(ByteWord.firstOffset(quotes), 4)
        XCTAssertEqual(marked(ByteWord.before(quotes, in: backslashes)), [2], "the backslash comes before the first quote")
        XCTAssertEqual(ByteWord.before(backslashes, in: quotes), 0, "no quote before the backslash")
        XCTAssertEqual(ByteWord.before(0, in: backslashes), backslashes, "no first byte: every mark is before it")
        XCTAssertEqual(ByteWord.before(quotes, in: quotes), 0, "a mark is not before itself")
    }
}
