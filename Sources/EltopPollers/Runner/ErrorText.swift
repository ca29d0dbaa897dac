import Foundation

/// The one-line text of an error as a pane shows it: `LocalizedError` first, then the error's own description.
public enum ErrorText {
    /// Libraries write multi-line messages (libpq: "server closed the connection unexpectedly\n\tThis
    /// probably means…"); a pane and the timeline show one line, so every run of white space becomes one space.
    public static func describe(_ error: Error) -> String {
        let text: String
        if let localized = error as? LocalizedError, let description = localized.errorDescription {
            text = description
        } else {
            text = String(describing: error)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
