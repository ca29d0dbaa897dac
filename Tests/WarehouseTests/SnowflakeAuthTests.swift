import Crypto
import EltopSnowflake
import EltopTestSupport
import Foundation
import XCTest
import _CryptoExtras

/// Key-pair JWT claims and renewal, checked by decoding what eltop signs.
final class SnowflakeAuthTests: XCTestCase {
    func testAccountIdentifierIsNormalisedForClaims() {
        XCTAssertEqual(SnowflakeAccount.claimIdentifier("myorg-myaccount"), "MYORG-MYACCOUNT")
        XCTAssertEqual(SnowflakeAccount.claimIdentifier("myorg.myaccount"), "MYORG-MYACCOUNT")
        XCTAssertEqual(SnowflakeAccount.claimIdentifier("xy12345.us-east-1"), "XY12345")
        XCTAssertEqual(SnowflakeAccount.claimIdentifier("xy12345.east-us-2.azure"), "XY12345")
        XCTAssertEqual(SnowflakeAccount.claimIdentifier("xy12345"), "XY12345")
    }

    func testClaimsNameAccountUserAndFingerprintAndRenewBeforeExpiry() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let jwt = try KeyPairJWT(account: "xy12345.us-east-1", user: "monitor", privateKeyPEM: key.pemRepresentation)
        let start = Date(timeIntervalSince1970: 1_732_500_000)
        let first = try jwt.token(now: start)
        XCTAssertNil(JWTCheck.problem(first, publicKey: key.publicKey, subject: "XY12345.MONITOR", now: start))
        let claims = try JSONSerialization.jsonObject(with: JWTCheck.decode(first.split(separator: ".")[1])!) as! [String: Any]
        XCTAssertEqual(claims["sub"] as? String, "XY12345.MONITOR")
        XCTAssertEqual(claims["iss"] as? String, "XY12345.MONITOR." + KeyPairJWT.fingerprint(of: key.publicKey))
        XCTAssertLessThanOrEqual((claims["exp"] as! Int) - (claims["iat"] as! Int), 3600)

        XCTAssertEqual(try jwt.token(now: start.addingTimeInterval(30 * 60)), first, "reused while far from expiry")
        let renewed = try jwt.token(now: start.addingTimeInterval(55 * 60))
        XCTAssertNotEqual(renewed, first, "signed anew within five minutes of expiry")
        XCTAssertNil(JWTCheck.problem(renewed, publicKey: key.publicKey, subject: "XY12345.MONITOR", now: start.addingTimeInterval(60 * 60)))
    }

    func testAKeyThatIsNotRSAIsRefused() {
        let ec = P256.Signing.PrivateKey().pemRepresentation
        XCTAssertThrowsError(try KeyPairJWT(account: "a", user: "u", privateKeyPEM: ec)) { error in
            XCTAssertTrue("\(error)".contains("not an RSA private key"), "\(error)")
        }
    }
}
