import EltopHTTP
import Foundation

/// Why a call to Airbyte failed, worded for the pane: what was called, what came back, what it means.
public enum AirbyteAPIError: Error, LocalizedError, Equatable {
    /// No HTTP answer: refused, DNS, TLS, timeout.
    case unreachable(String)
    /// No complete answer within the timeout: for a request that changes something, the outcome is unknown.
    case timedOut(String)
    /// An HTTP error status with whatever explanation the body gave.
    case status(Int, request: String, detail: String)
    /// An answer that is not the JSON the API promises: an HTML page from a proxy, a cut-off body.
    case unreadable(request: String, detail: String)
    /// 401/403 even after a fresh token (or with static credentials).
    case refused(Int, request: String, hint: String)

    public var errorDescription: String? {
        switch self {
        case .unreachable(let message): return "Airbyte unreachable: \(message)"
        case .timedOut(let message): return "Airbyte did not answer in time: \(message)"
        // What happened first, the request last: a narrow pane shows two lines of it.
        case .status(let code, let request, let detail): return "HTTP \(code)\(detail.isEmpty ? "" : ": " + detail) (\(request))"
        case .unreadable(let request, let detail): return "\(detail) (\(request))"
        case .refused(let code, let request, let hint): return "HTTP \(code), credentials refused: \(hint) (\(request))"
        }
    }

    /// HTTP 409 from `POST /jobs`: a sync of that connection is already running.
    public var isConflict: Bool {
        if case .status(409, _, _) = self { return true }
        return false
    }
}

/// Reads the body of a failed or odd response into a short explanation.
enum ResponseExplanation {
    /// An HTML page means something other than Airbyte answered (a proxy, the SSH tunnel's far end,
    /// a login page): say so and quote its title, never the whole page.
    static func htmlPage(_ response: HTTPResponse) -> String? {
        let type = response.header("content-type")?.lowercased() ?? ""
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard type.contains("text/html") || text.lowercased().hasPrefix("<!doctype html") || text.lowercased().hasPrefix("<html")
        else { return nil }
        let title = text.range(of: "<title>", options: .caseInsensitive).flatMap { start in
            text.range(of: "</title>", options: .caseInsensitive, range: start.upperBound..<text.endIndex).map {
                String(text[start.upperBound..<$0.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return (title.map { "\"\(short($0))\", " } ?? "") + "an HTML page instead of JSON: a proxy or gateway answered, not Airbyte"
    }

    /// The message of a problem+json or config API error body (`detail`, `message`, `title`).
    static func detail(_ response: HTTPResponse) -> String {
        if let page = htmlPage(response) { return page }
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            for key in ["detail", "message", "title"] {
                if let text = object[key] as? String, !text.isEmpty { return short(text) }
            }
        }
        return short(response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A decoding failure in words: truncated, not JSON, or a field missing or of the wrong type.
    static func decoding(_ error: Error, bytes: Int) -> String {
        switch error {
        case let shape as AnswerShapeError:
            return shape.description
        case DecodingError.keyNotFound(let key, let context):
            return "answer lacks \"\(path(context.codingPath + [key]))\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \"\(path(context.codingPath))\""
        default:
            return bytes == 0 ? "empty answer where JSON was expected" : "invalid JSON (\(bytes) bytes; cut off or not JSON)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func short(_ text: String, limit: Int = 160) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
