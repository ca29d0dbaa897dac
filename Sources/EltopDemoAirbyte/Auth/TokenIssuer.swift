import Foundation

/// Bearer tokens for client credentials: random, kept in memory only (a restart logs every client out,
/// and clients fetch a new token after a 401), each valid until its expiry.
actor TokenIssuer {
    struct Issued: Sendable {
        var token: String
        var expiresIn: Int64
    }

    private let clientID: String
    private let clientSecret: String
    private let lifetime: Duration
    private let clock: @Sendable () -> Date
    private var expiries: [String: Date] = [:]

    init(clientID: String, clientSecret: String, lifetime: Duration, clock: @escaping @Sendable () -> Date) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.lifetime = lifetime
        self.clock = clock
    }

    /// A new token, or nil for credentials that are not this server's.
    func issue(clientID: String, clientSecret: String) -> Issued? {
        guard constantTimeEquals(clientID, self.clientID), constantTimeEquals(clientSecret, self.clientSecret) else { return nil }
        let now = clock()
        expiries = expiries.filter { $0.value > now }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: ".")
        let seconds = Double(lifetime.components.seconds)
        expiries[token] = now.addingTimeInterval(seconds)
        return Issued(token: token, expiresIn: lifetime.components.seconds)
    }

    func isValid(_ token: String) -> Bool {
        guard let expiry = expiries[token] else { return false }
        return expiry > clock()
    }
}
