import CNcursesw
import EltopCore
import EltopUI

/// What `wget_wch` hands back: a character (`OK`) or a function key code (`KEY_CODE_YES`).
public enum RawInput: Equatable, Sendable {
    case character(UInt32)
    case functionKey(Int32)
}

/// One decoded piece of terminal input: a key for the key map, or news that the window changed size.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    /// ncurses queued `KEY_RESIZE`; the size itself is read by whoever handles the resize.
    case resized
    /// A click or wheel turn (only reported under `--mouse`).
    case mouse(MouseInput)
}

/// Turns ncurses input into `Key`s. Pure: it only looks at the codes, so tests need no terminal.
///
/// The terminal is in raw mode, so Ctrl-C arrives as the byte 0x03 (a key, not SIGINT) and `nonl` keeps
/// Enter as `\r`. Codes that mean nothing to eltop (Ctrl-Space, F-keys, mouse) decode to nil and are dropped.
public enum KeyDecoder {
    public static func decode(_ raw: RawInput) -> TerminalInput? {
        switch raw {
        case .character(let code): return character(code).map(TerminalInput.key)
        case .functionKey(let code): return functionKey(code)
        }
    }

    private static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26; Tab (9), Enter (10, 13) and Backspace (8) are taken above.
            return Unicode.Scalar(code + 0x60).map { .control(Character($0)) }
        case 0..<32, 0x80..<0xA0:
            return nil
        default:
            return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    private static func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: return .resized
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        default: return nil
        }
    }
}
