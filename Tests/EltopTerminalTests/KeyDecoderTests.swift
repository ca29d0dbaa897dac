import CNcursesw
import EltopCore
import XCTest

@testable import EltopTerminal

final class KeyDecoderTests: XCTestCase {
    private func key(_ code: UInt32) -> TerminalInput? { KeyDecoder.decode(.character(code)) }
    private func function(_ code: Int32) -> TerminalInput? { KeyDecoder.decode(.functionKey(code)) }

    func testPrintableCharactersAreCharacters() {
        XCTAssertEqual(key(UInt32(UInt8(ascii: "q"))), .key(.character("q")))
        XCTAssertEqual(key(UInt32(UInt8(ascii: "?"))), .key(.character("?")))
        XCTAssertEqual(key(UInt32(UInt8(ascii: " "))), .key(.character(" ")))
        XCTAssertEqual(key(UInt32(UInt8(ascii: "G"))), .key(.character("G")))
        XCTAssertEqual(key(0xE9), .key(.character("é")))
        XCTAssertEqual(key(0x4E2D), .key(.character("中")))
    }

    func testRawModeControlBytesAreControlKeys() {
        // Raw mode: Ctrl-C is the byte 3, not SIGINT.
        XCTAssertEqual(key(3), .key(.control("c")))
        XCTAssertEqual(key(1), .key(.control("a")))
        XCTAssertEqual(key(26), .key(.control("z")))
        XCTAssertEqual(key(18), .key(.control("r")))
    }

    func testControlBytesThatHaveTheirOwnKeys() {
        XCTAssertEqual(key(9), .key(.tab))
        XCTAssertEqual(key(13), .key(.enter), "nonl keeps Enter as CR")
        XCTAssertEqual(key(10), .key(.enter))
        XCTAssertEqual(key(27), .key(.escape))
        XCTAssertEqual(key(127), .key(.backspace))
        XCTAssertEqual(key(8), .key(.backspace))
    }

    func testMeaninglessCodesAreDropped() {
        XCTAssertNil(key(0), "Ctrl-Space")
        XCTAssertNil(key(28))
        XCTAssertNil(key(31))
        XCTAssertNil(key(0x85), "C1 control")
        XCTAssertNil(function(KEY_F0 + 1))
        XCTAssertNil(function(KEY_MOUSE))
    }

    func testFunctionKeys() {
        XCTAssertEqual(function(KEY_UP), .key(.up))
        XCTAssertEqual(function(KEY_DOWN), .key(.down))
        XCTAssertEqual(function(KEY_LEFT), .key(.left))
        XCTAssertEqual(function(KEY_RIGHT), .key(.right))
        XCTAssertEqual(function(KEY_PPAGE), .key(.pageUp))
        XCTAssertEqual(function(KEY_NPAGE), .key(.pageDown))
        XCTAssertEqual(function(KEY_HOME), .key(.home))
        XCTAssertEqual(function(KEY_END), .key(.end))
        XCTAssertEqual(function(KEY_A1), .key(.home), "keypad Home")
        XCTAssertEqual(function(KEY_C1), .key(.end), "keypad End")
        XCTAssertEqual(function(KEY_ENTER), .key(.enter))
        XCTAssertEqual(function(KEY_BTAB), .key(.backTab))
        XCTAssertEqual(function(KEY_BACKSPACE), .key(.backspace))
    }

    func testResizeIsNotAKey() {
        XCTAssertEqual(function(KEY_RESIZE), .resized)
    }

    func testCtrlCQuitsInEveryMode() {
        // Ctrl-C must reach the key map as the quit binding in every mode, or raw mode would trap the user.
        for mode in [InputMode.normal, .help, .filter, .confirm] {
            guard case .key(let k)? = key(3) else { return XCTFail("Ctrl-C did not decode") }
            XCTAssertEqual(KeyMap.standard.action(for: k, mode: mode, readOnly: false), .quit, "mode \(mode)")
        }
    }
}
