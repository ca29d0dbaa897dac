import EltopJSON
import Foundation
import XCTest

/// The scanner against the JSON grammar: what it reads must be exact, what it refuses must be refused
/// with an error (never a crash or a shorter result).
final class JSONScannerTests: XCTestCase {
    private func scan<T>(_ text: String, _ body: (inout JSONScanner) throws -> T) throws -> T {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            let value = try body(&scanner)
            try scanner.expectEnd()
            return value
        }
    }

    private func string(_ json: String) throws -> String { try scan(json) { try $0.readString() } }

    func testIntegralNumbersAreWholeValuesHoweverWritten() throws {
        XCTAssertEqual(try scan("42") { try $0.readIntegral() }, 42)
        XCTAssertEqual(try scan("-3.0") { try $0.readIntegral() }, -3)
        XCTAssertEqual(try scan("2e3") { try $0.readIntegral() }, 2000)
        XCTAssertEqual(try scan("9223372036854775807") { try $0.readIntegral() }, Int64.max)
        XCTAssertNil(try scan("2.5") { try $0.readIntegral() })
        XCTAssertNil(try scan("1e30") { try $0.readIntegral() })
        XCTAssertThrowsError(try scan("-") { try $0.readIntegral() })
    }

    func testANullIsReadOnlyWhenOneComesNext() throws {
        XCTAssertEqual(try scan("[null,\"x\"]") { scanner in
            var seen: [String] = []
            try scanner.forEachElement { element in
                seen.append(try element.readNullIfPresent() ? "null" : try element.readString())
            }
            return seen
        }, ["null", "x"])
    }

    func testEscapesAreUnescaped() throws {
        XCTAssertEqual(try string(#""a\"b\\c\/d""#), #"a"b\c/d"#)
        XCTAssertEqual(try string(#""\b\f\n\r\t""#), "\u{8}\u{C}\n\r\t")
        XCTAssertEqual(try string(#""ends with a backslash \\""#), #"ends with a backslash \"#)
        XCTAssertEqual(try string(#""\\\"""#), #"\""#)
    }

    func testUnicodeEscapesAndRawUTF8() throws {
        XCTAssertEqual(try string(#""caf\u00e9""#), "café")
        XCTAssertEqual(try string(#""\u00E9\u4e2d""#), "é中")
        XCTAssertEqual(try string(#""\ud83d\ude00 grin""#), "😀 grin", "a surrogate pair is one code point")
        XCTAssertEqual(try string(#""lone \ud83d here""#), "lone \u{FFFD} here")
        XCTAssertEqual(try string("\"raw 中文 ✗ 😀\""), "raw 中文 ✗ 😀")
    }

    func testBadEscapesAndControlCharactersAreRefused() {
        XCTAssertThrowsError(try string(#""\x""#))
        XCTAssertThrowsError(try string(#""\u12""#))
        XCTAssertThrowsError(try string(#""\u12G4""#))
        XCTAssertThrowsError(try string("\"tab\tinside\""))
    }

    func testKeysWithEscapesMatchTheirMeaning() throws {
        var seen: [String] = []
        var matched = false
        try scan(#"{"na\u006de":"x","plain":1}"#) { scanner in
            try scanner.forEachMember { scanner, key in
                seen.append(key.string)
                if key == "name" { matched = true }
            }
        }
        XCTAssertEqual(seen, ["name", "plain"])
        XCTAssertTrue(matched)
    }

    /// The two halves of a split read: one stops at a member's key, the other reads from that key on.
    func testStoppingAtAMembersKeyAndReadingTheRestFromThere() throws {
        let text = #"{"a": 1, "b": {"c": 2}, "d": [3]}"#
        let bytes = Array(text.utf8)
        let keyD = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "d"))) - 1
        try bytes.withUnsafeBufferPointer { buffer in
            var first = JSONScanner(buffer)
            var keys: [String] = []
            XCTAssertTrue(try first.forEachMember(stoppingAt: keyD) { _, key in keys.append(key.string) })
            XCTAssertEqual(keys, ["a", "b"])
            XCTAssertEqual(first.offset, keyD)
            var second = JSONScanner(buffer, at: keyD)
            try second.forEachRemainingMember { scanner, key in
                keys.append(key.string)
                try scanner.skipValue()
            }
            XCTAssertEqual(keys, ["a", "b", "d"])
            try second.expectEnd()
            // An offset inside a value is never a member's start: the whole object is read, false.
            let insideB = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "c"))) - 1
            var whole = JSONScanner(buffer)
            var all = 0
            XCTAssertFalse(try whole.forEachMember(stoppingAt: insideB) { _, _ in all += 1 })
            XCTAssertEqual(all, 3)
            try whole.expectEnd()
        }
    }

    func testNestedObjectsAreSkippedWhole() throws {
        let json = #"{"skip":{"a":[1,{"b":"}]\"{"},[[[]]],{}],"c":"x"},"want":"yes","after":[{"x":null}]}"#
        var want: String?
        try scan(json) { scanner in
            try scanner.forEachMember { scanner, key in
                if key == "want" { want = try scanner.readString() }
            }
        }
        XCTAssertEqual(want, "yes")
    }

    func testMismatchedBracketsInASkippedValueAreRefused() {
        XCTAssertThrowsError(try scan(#"{"skip":[1,2},"x":1}"#) { try $0.skipValue() })
        XCTAssertThrowsError(try scan(#"{"skip":{"a":1]}"#) { try $0.skipValue() })
    }

    func testNumbersFollowTheGrammar() throws {
        XCTAssertEqual(try scan("0") { try $0.readDouble() }, 0)
        XCTAssertEqual(try scan("-12.5e2") { try $0.readDouble() }, -1250)
        XCTAssertEqual(try scan("1E-2") { try $0.readDouble() }, 0.01)
        XCTAssertEqual(try scan("9223372036854775807") { try $0.readInt64() }, Int64.max)
        XCTAssertEqual(try scan("-9223372036854775808") { try $0.readInt64() }, Int64.min)
        for bad in ["01", "1.", ".5", "-", "1e", "1e+", "+1", "12abc", "0x10", "--1"] {
            XCTAssertThrowsError(try scan(bad) { try $0.readDouble() }, bad)
        }
        XCTAssertThrowsError(try scan("9223372036854775808") { try $0.readInt64() })
        XCTAssertThrowsError(try scan("1.5") { try $0.readInt64() })
    }

    func testLiteralsAndKinds() throws {
        XCTAssertEqual(try scan("true") { try $0.readBool() }, true)
        XCTAssertEqual(try scan(" false ") { try $0.readBool() }, false)
        XCTAssertNil(try scan("null") { try $0.readOptionalString() })
        XCTAssertThrowsError(try scan("nul") { try $0.readNull() })
        XCTAssertThrowsError(try scan("trve") { try $0.readBool() })
        XCTAssertEqual(try scan(#"["a","b"]"#) { try $0.readStringArray() }, ["a", "b"])
        XCTAssertEqual(try scan("[]") { try $0.readStringArray() }, [])
        XCTAssertThrowsError(try scan(#"["a",1]"#) { try $0.readStringArray() })
    }

    func testStructureErrors() {
        XCTAssertThrowsError(try scan(#"{"a" 1}"#) { try $0.forEachMember { _, _ in } }, "a missing colon")
        XCTAssertThrowsError(try scan(#"{"a":1,}"#) { try $0.forEachMember { _, _ in } })
        XCTAssertThrowsError(try scan(#"{"a":1 "b":2}"#) { try $0.forEachMember { _, _ in } })
        XCTAssertThrowsError(try scan(#"{a:1}"#) { try $0.forEachMember { _, _ in } })
        XCTAssertThrowsError(try scan(#"[1,]"#) { try $0.forEachElement { _ in } })
        XCTAssertThrowsError(try scan(#"{} {}"#) { try $0.skipValue() }, "trailing text")
        XCTAssertThrowsError(try scan("") { try $0.skipValue() })
    }

    /// Every prefix of a document is an error, whether the cut falls in a key, a string, a number or
    /// between members — and whether the values there are read or skipped.
    func testEveryTruncationIsAnError() throws {
        let json = #"{"metadata":{"v":"x\"y","n":-1.5e3},"nodes":{"a":{"name":"caf\u00e9","skip":[true,null,{"z":"}"}]}}}"#
        let bytes = Array(json.utf8)
        for cut in 0..<bytes.count {
            let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
            XCTAssertThrowsError(try scan(prefix) { try readAll(&$0) }, "prefix of \(cut) bytes read")
            XCTAssertThrowsError(try scan(prefix) { try $0.skipValue() }, "prefix of \(cut) bytes skipped")
        }
        XCTAssertNoThrow(try scan(json) { try readAll(&$0) })
    }

    /// Deep nesting is refused past the limit rather than exhausting memory.
    func testDeepNestingIsBounded() {
        let deep = String(repeating: "[", count: JSONScanner.maximumDepth + 1) + String(repeating: "]", count: JSONScanner.maximumDepth + 1)
        XCTAssertThrowsError(try scan(deep) { try $0.skipValue() })
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNoThrow(try scan(fine) { try $0.skipValue() })
    }

    /// The skip keeps its first 64 brackets in a word and the deeper ones apart: a mismatch is found on
    /// either side of that line, and brackets closed across it pair up.
    func testBracketsAreMatchedAboveAndBelowSixtyFourLevels() {
        for depth in [1, 63, 64, 65, 66, 130] {
            let opens = (0..<depth).map { $0 % 3 == 0 ? "{\"k\":" : "[" }
            let closes = opens.reversed().map { $0 == "[" ? "]" : "}" }
            XCTAssertNoThrow(try scan("[" + opens.joined() + "1" + closes.joined() + "]") { try $0.skipValue() }, "depth \(depth)")
            for wrong in [0, depth / 2, depth - 1] {
                var bad = closes
                bad[wrong] = bad[wrong] == "]" ? "}" : "]"
                XCTAssertThrowsError(try scan("[" + opens.joined() + "1" + bad.joined() + "]") { try $0.skipValue() }, "depth \(depth), wrong at \(wrong)")
            }
        }
    }

    /// Strings are searched a word at a time for their first bytes and by `memchr` after: every
    /// length around those bounds, with an escape, an even run of backslashes or a control character
    /// at every place, in the middle of a document and as its last bytes, reads as Foundation reads it.
    func testStringsOfEveryLengthAroundTheWordSearchReadAsFoundationReadsThem() throws {
        var samples: [String] = []
        for length in 0...40 {
            let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            samples.append(plain)
            for place in 0...length {
                let index = plain.index(plain.startIndex, offsetBy: place)
                for insert in [#"\""#, #"\\"#, #"\\\""#, #"\n"#, "\u{1}", "é", #"\u00e9"#] {
                    var sample = plain
                    sample.insert(contentsOf: insert, at: index)
                    samples.append(sample)
                }
            }
        }
        for contents in samples {
            let literal = "\"" + contents + "\""
            let expected = try? JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
            for document in [literal, "{\"key\":" + literal + ",\"next\":[" + literal + ",1]}"] {
                let read = try? scan(document) { scanner -> String in
                    guard try scanner.peekKind() == .object else { return try scanner.readString() }
                    var value = ""
                    try scanner.forEachMember { scanner, key in
                        if key == "key" { value = try scanner.readString() } else { try scanner.skipValue() }
                    }
                    return value
                }
                XCTAssertEqual(read, expected, document)
                // Skipping checks only where a string ends, so a control character passes there (see the type's note).
                guard expected != nil else { continue }
                let count = try? scan("[" + document + ",2]") { scanner -> Int in
                    var count = 0
                    try scanner.forEachElement { scanner in
                        count += 1
                        if count == 2 { XCTAssertEqual(try scanner.readInt64(), 2, document) } else { try scanner.skipValue() }
                    }
                    return count
                }
                XCTAssertEqual(count, 2, document)
            }
        }
    }

    func testSkipStringChecksWhatReadStringChecks() throws {
        XCTAssertNoThrow(try scan(#" "a\"b\u00e9" "#) { try $0.skipString() })
        for bad in [#"1"#, #"null"#, #"["a"]"#, "\"tab\tinside\"", #""\x""#, #""open"#] {
            XCTAssertThrowsError(try scan(bad) { try $0.skipString() }, bad)
        }
    }

    func testErrorsSayWhereAndWhat() {
        XCTAssertThrowsError(try scan(#"{"a":"#) { try $0.skipValue() }) { error in
            XCTAssertEqual(String(describing: error), "the document ends early (truncated?) at byte 5")
        }
    }

    /// Reads every value of any document (strings, numbers, literals) through the reading calls.
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
