import Crypto
import Foundation
import Synchronization
import _CryptoExtras

/// A key-pair JWT for the SQL API: RS256 over `{iss, sub, iat, exp}`, renewed before it expires.
///
/// Snowflake rejects tokens living longer than an hour; eltop signs one for `lifetimeSeconds` (59
/// minutes, under the limit with room for clock skew) and signs a new one once less than
/// `renewBeforeSeconds` remain, so a poll never goes out with a token that expires in flight.
public final class KeyPairJWT: Sendable {
    /// `ACCOUNT.USER`, both uppercase.
    public let subject: String
    /// `ACCOUNT.USER.SHA256:<base64 of sha256 of the public key's DER>`.
    public let issuer: String
    public let lifetimeSeconds: TimeInterval
    public let renewBeforeSeconds: TimeInterval
    private let key: _RSA.Signing.PrivateKey
    private let cached = Mutex<(token: String, expiresAt: Date)?>(nil)

    public init(account: String, user: String, privateKeyPEM: String, lifetimeSeconds: TimeInterval = 59 * 60, renewBeforeSeconds: TimeInterval = 5 * 60) throws {
        key = try Self.loadKey(privateKeyPEM)
        let fingerprint = Self.fingerprint(of: key.publicKey)
        subject = "\(SnowflakeAccount.claimIdentifier(account)).\(user.uppercased())"
        issuer = "\(subject).\(fingerprint)"
        self.lifetimeSeconds = min(lifetimeSeconds, 3600)
        self.renewBeforeSeconds = renewBeforeSeconds
    }

    /// Reads the PEM file; errors name the file and what is wrong with it, never its contents.
    public convenience init(account: String, user: String, privateKeyPath: String) throws {
        let pem: String
        do {
            pem = try String(contentsOfFile: privateKeyPath, encoding: .utf8)
        } catch {
            throw SnowflakeError.privateKey("cannot read the private key file \(privateKeyPath)")
        }
        do {
            try self.init(account: account, user: user, privateKeyPEM: pem)
        } catch let error as SnowflakeError {
            throw SnowflakeError.privateKey("\(privateKeyPath): \(error.description)")
        }
    }

    /// `SHA256:` + base64 of the SHA-256 of the public key's DER (SubjectPublicKeyInfo), the value
    /// `DESC USER` shows as RSA_PUBLIC_KEY_FP.
    public static func fingerprint(of publicKey: _RSA.Signing.PublicKey) -> String {
        "SHA256:" + Data(SHA256.hash(data: publicKey.derRepresentation)).base64EncodedString()
    }

    /// The current token, signing a new one when none is cached or the cached one nears expiry.
    public func token(now: Date) throws -> String {
        try cached.withLock { cached in
            if let cached, cached.expiresAt.timeIntervalSince(now) > renewBeforeSeconds { return cached.token }
            let issuedAt = Int(now.timeIntervalSince1970)
            let expiresAt = issuedAt + Int(lifetimeSeconds)
            let token = try sign(issuedAt: issuedAt, expiresAt: expiresAt)
            cached = (token, Date(timeIntervalSince1970: TimeInterval(expiresAt)))
            return token
        }
    }

    func invalidate() {
        cached.withLock { $0 = nil }
    }

    private func sign(issuedAt: Int, expiresAt: Int) throws -> String {
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let claims = try JSONSerialization.data(
            withJSONObject: ["iss": issuer, "sub": subject, "iat": issuedAt, "exp": expiresAt], options: [.sortedKeys])
        let signingInput = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(claims)
        // PKCS#1 v1.5 is RS256; the default padding would be PSS (PS256), which Snowflake rejects.
        let signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }

    private static func loadKey(_ pem: String) throws -> _RSA.Signing.PrivateKey {
        if pem.contains("ENCRYPTED") {
            throw SnowflakeError.privateKey(
                "the private key is encrypted, and eltop reads only unencrypted keys; export one with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in key.p8 -out eltop_key.p8` and keep it chmod 600")
        }
        do {
            return try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw SnowflakeError.privateKey("not an RSA private key in PEM form (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`)")
        }
    }
}

/// Base64 with the URL alphabet and no padding, as JWTs use it.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
