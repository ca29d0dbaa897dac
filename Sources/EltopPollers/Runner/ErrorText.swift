import Foundation

/// The one-line text of an error as a pane shows it: `LocalizedError` first, then the error's own description.
public enum ErrorText {
    public static func describe(_ error: Error) -> String {
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error)
    }
}
