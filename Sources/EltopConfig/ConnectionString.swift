/// A libpq connection string (URI or `key=value` conninfo) that may carry a password.
///
/// Like `Secret`, every textual form shows the string with its password masked, so a connection
/// string can appear in the pane, the log and `eltop config check` without leaking; libpq gets the
/// real value through `revealed`. An empty string is valid: libpq then reads `PGHOST`, `PGSERVICE`
/// and friends from the environment.
public struct ConnectionString: Equatable, Sendable {
    private let value: String
    /// Where the value came from (an env var, a YAML key), for `eltop config check`.
    public let origin: String

    public init(_ value: String, origin: String) {
        self.value = value
        self.origin = origin
    }

    /// The string to hand to libpq.
    public var revealed: String { value }

    /// The string with any password replaced by `Secret.mask`, safe to show anywhere.
    public var redacted: String {
        value.isEmpty ? "(libpq environment: PG* variables)" : ConnectionStringRedaction.redact(value)
    }

    /// Whether the string itself holds a password (a config file holding it should be private).
    public var containsPassword: Bool { ConnectionStringRedaction.redact(value) != value }
}

extension ConnectionString: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable, Encodable {
    public var description: String { redacted }
    public var debugDescription: String { "ConnectionString(\(redacted))" }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted], displayStyle: .struct) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(redacted)
    }
}

/// Masks the password in a libpq URI (`postgresql://user:pw@host/db`, `?password=pw`) or a
/// conninfo string (`host=db password='p w'`), keeping everything else so the result still tells
/// an engineer which host, database and user are meant. Any other `scheme://user:pw@host` URL (an
/// Airbyte server given with credentials) is masked the same way.
public enum ConnectionStringRedaction {
    public static func redact(_ connection: String) -> String {
        isURL(connection.trimmingLeadingWhitespace) ? redactURI(connection) : redactConninfo(connection)
    }

    /// `scheme://…` with an RFC 3986 scheme name.
    private static func isURL(_ text: Substring) -> Bool {
        guard let separator = text.range(of: "://") else { return false }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// `scheme://[user[:password]@]host[/db][?params]`: the userinfo ends at the last `@` before the
    /// query, so a stray `@` or `/` inside an unencoded password is still masked.
    private static func redactURI(_ uri: String) -> String {
        guard let schemeEnd = uri.range(of: "://") else { return uri }
        let afterScheme = uri[schemeEnd.upperBound...]
        let queryStart = afterScheme.firstIndex(of: "?") ?? afterScheme.endIndex
        var result = String(uri[..<schemeEnd.upperBound])
        let beforeQuery = afterScheme[..<queryStart]
        if let at = beforeQuery.lastIndex(of: "@") {
            let userinfo = beforeQuery[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                result += userinfo[..<colon] + ":" + Secret.mask
            } else {
                result += userinfo
            }
            result += beforeQuery[at...]
        } else {
            result += beforeQuery
        }
        guard queryStart < afterScheme.endIndex else { return result }
        let query = afterScheme[afterScheme.index(after: queryStart)...]
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "password" else { return String(parameter) }
            return parts[0] + "=" + Secret.mask
        }
        return result + "?" + parameters.joined(separator: "&")
    }

    /// Walks `key = value` pairs the way libpq does (values bare or single-quoted with `\'` and `\\`
    /// escapes) and replaces the value of `password`. Text it cannot parse is copied unchanged.
    private static func redactConninfo(_ conninfo: String) -> String {
        let scalars = Array(conninfo.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        func skipSpaces() {
            while index < scalars.count, scalars[index].properties.isWhitespace {
                output.append(scalars[index])
                index += 1
            }
        }
        while index < scalars.count {
            skipSpaces()
            var key = ""
            while index < scalars.count, scalars[index] != "=", !scalars[index].properties.isWhitespace {
                key.unicodeScalars.append(scalars[index])
                output.append(scalars[index])
                index += 1
            }
            skipSpaces()
            guard index < scalars.count, scalars[index] == "=" else { continue }
            output.append("=")
            index += 1
            skipSpaces()
            let valueStart = index
            if index < scalars.count, scalars[index] == "'" {
                index += 1
                while index < scalars.count, scalars[index] != "'" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index = min(index + 1, scalars.count)
            } else {
                while index < scalars.count, !scalars[index].properties.isWhitespace { index += 1 }
            }
            if key == "password" {
                output.append(contentsOf: Secret.mask.unicodeScalars)
            } else {
                output.append(contentsOf: scalars[valueStart..<index])
            }
        }
        return String(output)
    }
}

extension String {
    var trimmingLeadingWhitespace: Substring {
        self.drop(while: { $0.isWhitespace })
    }
}
