import Foundation

/// An HTTP request as eltop's clients make them: small JSON bodies, explicit timeouts.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// Seconds to establish the connection (TCP + TLS).
    public var connectTimeoutSeconds: Double
    /// Seconds for the whole exchange.
    public var timeoutSeconds: Double

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil, connectTimeoutSeconds: Double = 5, timeoutSeconds: Double = 15) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A response: status, headers (names lowercased; the last value wins), body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A transfer that did not produce an HTTP response: refused, timed out, TLS failed, DNS failed.
public struct HTTPTransportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// libcurl's CURLcode.
    public var code: Int
    public var message: String
    public var isTimeout: Bool { code == 28 }

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
