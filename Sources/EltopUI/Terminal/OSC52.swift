import Foundation

/// The OSC 52 "set clipboard" sequence: `ESC ] 52 ; c ; <base64> BEL`.
///
/// The terminal on the user's side sets its clipboard, so copying works over SSH with nothing on the
/// server. tmux takes the sequence only with `set -g set-clipboard on` (it then keeps a paste buffer
/// and passes the sequence on to the outer terminal); its default, `external`, drops it from programs.
/// BEL ends it rather than ESC \ because more terminals (and older tmux) accept BEL.
public enum OSC52 {
    /// Terminals cap what they accept (xterm: about 100 kB of base64); a row's text is far below it,
    /// and anything longer is cut here rather than dropped whole by the terminal.
    public static let maxTextBytes = 74_000

    public static func sequence(copying text: String) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(maxTextBytes))
        return Array("\u{1B}]52;c;".utf8) + Array(Data(bytes).base64EncodedString().utf8) + [0x07]
    }
}
