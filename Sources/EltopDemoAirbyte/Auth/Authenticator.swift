import Foundation

/// Decides whether a request may pass, per the server's auth mode. Health checks and the token
/// endpoint are open, as on a real server.
struct Authenticator: Sendable {
    enum Verdict: Sendable, Equatable {
        case allowed
        /// Refused; `challenge` is the `WWW-Authenticate` value to send with the 401.
        case refused(challenge: String)
    }

    let mode: DemoAuthMode
    let tokens: TokenIssuer?

    init(mode: DemoAuthMode, clock: @escaping @Sendable () -> Date) {
        self.mode = mode
        if case .clientCredentials(let id, let secret, let lifetime) = mode {
            tokens = TokenIssuer(clientID: id, clientSecret: secret, lifetime: lifetime, clock: clock)
        } else {
            tokens = nil
        }
    }

    func check(authorization: String?) async -> Verdict {
        switch mode {
        case .none:
            return .allowed
        case .basic(let username, let password):
            guard let encoded = Self.credential(authorization, scheme: "Basic"),
                  let data = Data(base64Encoded: encoded), let pair = String(data: data, encoding: .utf8),
                  let colon = pair.firstIndex(of: ":") else { return .refused(challenge: #"Basic realm="Airbyte""#) }
            let ok = constantTimeEquals(String(pair[..<colon]), username) && constantTimeEquals(String(pair[pair.index(after: colon)...]), password)
            return ok ? .allowed : .refused(challenge: #"Basic realm="Airbyte""#)
        case .clientCredentials:
            guard let token = Self.credential(authorization, scheme: "Bearer"), let tokens, await tokens.isValid(token) else {
                return .refused(challenge: #"Bearer realm="Airbyte""#)
            }
            return .allowed
        }
    }

    /// The credential after `scheme ` (the scheme's case does not matter, as RFC 9110 says).
    private static func credential(_ header: String?, scheme: String) -> String? {
        guard let header, header.count > scheme.count + 1,
              header.prefix(scheme.count).lowercased() == scheme.lowercased(),
              header.dropFirst(scheme.count).first == " " else { return nil }
        return header.dropFirst(scheme.count + 1).trimmingCharacters(in: .whitespaces)
    }
}
