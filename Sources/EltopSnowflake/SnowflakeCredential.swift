import Foundation

/// How requests to the SQL API authenticate, and the matching `X-Snowflake-Authorization-Token-Type`.
///
/// The SQL API takes no password: key pair (a JWT eltop signs and renews itself), OAuth, or a
/// programmatic access token (PAT), each a bearer token.
public enum SnowflakeCredential: Sendable {
    case keyPair(KeyPairJWT)
    case oauth(token: String)
    case programmaticAccessToken(String)

    /// The header value Snowflake expects for this kind of bearer token.
    public var tokenType: String {
        switch self {
        case .keyPair: return "KEYPAIR_JWT"
        case .oauth: return "OAUTH"
        case .programmaticAccessToken: return "PROGRAMMATIC_ACCESS_TOKEN"
        }
    }

    /// The bearer token to send now (a JWT is re-signed when it nears expiry).
    func bearerToken(now: Date) throws -> String {
        switch self {
        case .keyPair(let jwt): return try jwt.token(now: now)
        case .oauth(let token): return token
        case .programmaticAccessToken(let token): return token
        }
    }

    /// After a 401 the cached JWT is dropped so the retry signs a fresh one; fixed tokens cannot renew.
    func invalidate() {
        if case .keyPair(let jwt) = self { jwt.invalidate() }
    }
}
