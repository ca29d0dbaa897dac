import Foundation

/// How the server checks requests, one mode per server as real installs are set up.
public enum DemoAuthMode: Sendable, Equatable {
    /// Auth disabled, as some self-hosted installs run.
    case none
    /// HTTP Basic, as the old docker-compose installs put it in front of everything (`airbyte`/`password`).
    case basic(username: String, password: String)
    /// An application's client credentials exchanged at `applications/token` for bearer tokens that
    /// expire after `tokenLifetime` (Airbyte's default since 1.6: 15 minutes).
    case clientCredentials(clientID: String, clientSecret: String, tokenLifetime: Duration)

    public static let defaultBasic = DemoAuthMode.basic(username: "airbyte", password: "password")

    /// The mode's name for messages: never the secret.
    public var name: String {
        switch self {
        case .none: "none"
        case .basic: "basic"
        case .clientCredentials: "client credentials"
        }
    }
}

/// Compares secrets in time that does not depend on where they first differ.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var difference = UInt8(x.count == y.count ? 0 : 1)
    for index in 0..<max(x.count, y.count) {
        difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
    }
    return difference == 0
}
