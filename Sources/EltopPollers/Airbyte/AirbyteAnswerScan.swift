import EltopJSON
import Foundation

/// An Airbyte answer read with `JSONScanner` rather than `JSONDecoder`, for the answers that are big
/// and frequent (a jobs list per connection per poll): `JSONDecoder` builds a tree of the whole body
/// first and read a jobs list at a third of python's `json.loads` (docs/benchmarks.md).
///
/// A reader accepts what the `Decodable` type accepted: the fields the spec marks required must be
/// there and not null, an optional field may be absent or null, a field of the wrong kind is an error,
/// unknown keys are skipped unbuilt. Its errors read as `ResponseExplanation.decoding` words
/// `JSONDecoder`'s (`answer lacks "data.[0].jobId"`); broken JSON is a `JSONScanError`, worded there as
/// invalid JSON, as a `JSONDecoder` syntax error is.
protocol ScannedAnswer {
    /// Reads one value at the scanner's position.
    static func scan(_ scanner: inout JSONScanner) throws -> Self
}

extension ScannedAnswer {
    /// A whole answer body: one value and nothing after it.
    static func scan(body: Data) throws -> Self {
        try body.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            let value = try scan(&scanner)
            try scanner.expectEnd()
            return value
        }
    }
}

/// A field missing, or of the wrong kind, with where it is (`data.[0].jobId`, as `JSONDecoder`'s
/// coding path). The path is built only when an error goes up through each level (`within`), so a
/// good answer costs nothing for it.
struct AnswerShapeError: Error, Equatable, CustomStringConvertible {
    enum Problem: Equatable { case missing, unexpected }
    let problem: Problem
    /// Keys and `[index]`es, outermost first.
    var path: [String]

    static func missing(_ key: String) -> AnswerShapeError { AnswerShapeError(problem: .missing, path: [key]) }
    static func unexpected(_ key: String) -> AnswerShapeError { AnswerShapeError(problem: .unexpected, path: [key]) }

    var description: String {
        let where_ = path.joined(separator: ".")
        return problem == .missing ? "answer lacks \"\(where_)\"" : "unexpected value at \"\(where_)\""
    }

    /// Runs `body`, putting `component` in front of the path of a shape error it throws.
    static func within<T>(_ component: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as AnswerShapeError {
            error.path.insert(component(), at: 0)
            throw error
        }
    }
}

/// The typed reads of an answer's fields. Each checks the kind of the value before reading it, so a
/// wrong kind is an `AnswerShapeError` for that key and only broken JSON a `JSONScanError`.
enum AnswerScan {
    /// The members of the object that starts here; anything else there is an unexpected value.
    static func object(_ scanner: inout JSONScanner, _ body: (inout JSONScanner, JSONKey) throws -> Void) throws {
        guard try scanner.peekKind() == .object else { throw AnswerShapeError(problem: .unexpected, path: []) }
        try scanner.forEachMember(body)
    }

    /// The elements of the array at `key`, each read by `element`; errors inside name `key.[i]`.
    static func array<T>(_ scanner: inout JSONScanner, _ key: String, _ element: (inout JSONScanner) throws -> T) throws -> [T] {
        guard try scanner.peekKind() == .array else { throw AnswerShapeError.unexpected(key) }
        var values: [T] = []
        try AnswerShapeError.within(key) {
            try scanner.forEachElement { scanner in
                values.append(try AnswerShapeError.within("[\(values.count)]") { try element(&scanner) })
            }
        }
        return values
    }

    static func string(_ scanner: inout JSONScanner, _ key: String) throws -> String {
        guard try scanner.peekKind() == .string else { throw AnswerShapeError.unexpected(key) }
        return try scanner.readString()
    }

    static func optionalString(_ scanner: inout JSONScanner, _ key: String) throws -> String? {
        if try scanner.readNullIfPresent() { return nil }
        return try string(&scanner, key)
    }

    /// An integer. As `JSONDecoder` does, an integral value written with a fraction or an exponent
    /// (`3.0`, `3e2`) is taken; a fraction, or a number outside Int64, is an unexpected value, not a trap.
    static func int64(_ scanner: inout JSONScanner, _ key: String) throws -> Int64 {
        guard try scanner.peekKind() == .number, let value = try scanner.readIntegral() else { throw AnswerShapeError.unexpected(key) }
        return value
    }

    static func optionalInt64(_ scanner: inout JSONScanner, _ key: String) throws -> Int64? {
        if try scanner.readNullIfPresent() { return nil }
        return try int64(&scanner, key)
    }
}
