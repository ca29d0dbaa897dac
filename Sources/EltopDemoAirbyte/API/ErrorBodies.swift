import Foundation

/// The public API's RFC 9457 problem bodies (api-problems.yaml), sent as `application/problem+json`.
struct Problem: Encodable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String

    static func response(_ status: Int, title: String, detail: String) -> APIResponse {
        let problem = Problem(type: "https://reference.airbyte.com/reference/errors#" + title, title: title, status: status, detail: detail)
        return APIResponse(status: status, contentType: "application/problem+json", body: APIResponse.encode(problem))
    }

    static func badRequest(_ detail: String) -> APIResponse { response(400, title: "bad-request", detail: detail) }
    static func notFound(_ detail: String) -> APIResponse { response(404, title: "resource-not-found", detail: detail) }
    /// The documented answer to a second sync while one runs.
    static func tryAgainLater(_ detail: String) -> APIResponse { response(409, title: "try-again-later", detail: detail) }
}

/// The config API's error bodies: `KnownExceptionInfo` / `NotFoundKnownExceptionInfo` (`message` plus the
/// server's exception class) and `InvalidInputExceptionInfo` for a body that does not match the schema.
struct KnownExceptionInfo: Encodable, Sendable {
    var message: String
    var exceptionClassName: String

    static func response(_ status: Int, _ message: String, exception: String) -> APIResponse {
        .json(status, KnownExceptionInfo(message: message, exceptionClassName: "io.airbyte.commons.server.errors." + exception))
    }

    static func notFound(_ message: String) -> APIResponse { response(404, message, exception: "IdNotFoundKnownException") }
    static func conflict(_ message: String) -> APIResponse { response(409, message, exception: "ValueConflictKnownException") }
    static func badRequest(_ message: String) -> APIResponse { response(400, message, exception: "BadRequestException") }
}

struct InvalidInputExceptionInfo: Encodable, Sendable {
    struct Property: Encodable, Sendable {
        var propertyPath: String
        var message: String
    }

    var message: String
    var exceptionClassName = "javax.validation.ConstraintViolationException"
    var validationErrors: [Property]

    static func response(_ message: String, property: String) -> APIResponse {
        .json(422, InvalidInputExceptionInfo(message: message, validationErrors: [Property(propertyPath: property, message: message)]))
    }
}

/// One error, written the way the family of the path writes it.
enum APIError: Error, Sendable {
    case malformedJSON(String)
    case invalidField(String, reason: String)
    case notFound(String)
    case conflict(String)
    case methodNotAllowed
    case unauthorized(challenge: String)
    case payloadTooLarge(limit: Int)
    case requestTimeout
    /// The server's own fault (its history file cannot be written): 500, saying what broke.
    case unexpected(String)

    func response(for family: APIFamily) -> APIResponse {
        switch (self, family) {
        case (.malformedJSON(let why), .publicAPI): return Problem.badRequest("The request body is not valid JSON: \(why)")
        case (.malformedJSON(let why), .configAPI): return KnownExceptionInfo.badRequest("The request body is not valid JSON: \(why)")
        case (.invalidField(let field, let reason), .publicAPI): return Problem.badRequest("\(field): \(reason)")
        case (.invalidField(let field, let reason), .configAPI): return InvalidInputExceptionInfo.response(reason, property: field)
        case (.notFound(let what), .publicAPI): return Problem.notFound(what)
        case (.notFound(let what), .configAPI): return KnownExceptionInfo.notFound(what)
        case (.conflict(let what), .publicAPI): return Problem.tryAgainLater(what)
        case (.conflict(let what), .configAPI): return KnownExceptionInfo.conflict(what)
        case (.methodNotAllowed, .publicAPI): return Problem.response(405, title: "method-not-allowed", detail: "This path does not take this method.")
        case (.methodNotAllowed, .configAPI): return KnownExceptionInfo.response(405, "This path does not take this method.", exception: "MethodNotAllowedException")
        case (.unauthorized(let challenge), _):
            var answer = APIResponse.json(401, ["message": "Unauthorized"])
            answer.headers["WWW-Authenticate"] = challenge
            return answer
        case (.payloadTooLarge(let limit), .publicAPI): return Problem.response(413, title: "payload-too-large", detail: "The request body is over \(limit) bytes.")
        case (.payloadTooLarge(let limit), .configAPI): return KnownExceptionInfo.response(413, "The request body is over \(limit) bytes.", exception: "PayloadTooLargeException")
        case (.requestTimeout, _): return APIResponse.json(408, ["message": "The request body did not arrive in time."])
        case (.unexpected(let what), .publicAPI): return Problem.response(500, title: "unexpected-problem", detail: what)
        case (.unexpected(let what), .configAPI): return KnownExceptionInfo.response(500, what, exception: "InternalServerError")
        }
    }
}
