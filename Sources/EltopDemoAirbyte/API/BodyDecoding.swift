import Foundation

/// Decodes a request body into its schema's type, telling apart "not JSON at all" (400) from
/// "JSON, but a field is missing or of the wrong type" (the public API's 400, the config API's 422).
enum BodyDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws(APIError) -> T {
        guard (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) != nil else {
            throw APIError.malformedJSON(body.isEmpty ? "the body is empty" : "\(body.count) bytes that do not parse")
        }
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.invalidField(path(context.codingPath + [key]), reason: "is required")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.invalidField(path(context.codingPath), reason: "must be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.invalidField(path(context.codingPath), reason: "must be \(describe(expected)), not null")
        } catch {
            throw APIError.malformedJSON("\(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int64.Type, is Int.Type: "an integer"
        case is Bool.Type: "a boolean"
        default: "\(type)".lowercased().hasPrefix("array") ? "an array" : "an object"
        }
    }
}
