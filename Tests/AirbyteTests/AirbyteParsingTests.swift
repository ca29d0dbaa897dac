@testable import EltopPollers
import Foundation
import XCTest

/// Base URLs, times and durations as real servers write them.
final class AirbyteParsingTests: XCTestCase {
    func testEndpointsForEachWayOfNamingTheServer() {
        let plain = AirbyteEndpoints(baseURL: URL(string: "http://localhost:8000")!)
        XCTAssertEqual(plain.publicBase, "http://localhost:8000/api/public/v1")
        XCTAssertEqual(plain.configBase, "http://localhost:8000/api/v1")
        XCTAssertEqual(AirbyteEndpoints(baseURL: URL(string: "https://ab.example.com/airbyte/api/public/v1/")!).publicBase, "https://ab.example.com/airbyte/api/public/v1")
        XCTAssertEqual(AirbyteEndpoints(baseURL: URL(string: "https://ab.example.com/api")!).configBase, "https://ab.example.com/api/v1")
        let cloud = AirbyteEndpoints(baseURL: URL(string: "https://api.airbyte.com")!)
        XCTAssertEqual(cloud.publicBase, "https://api.airbyte.com/v1")
        XCTAssertNil(cloud.configBase)
        XCTAssertEqual(cloud.tokenURL, "https://api.airbyte.com/v1/applications/token")
        XCTAssertEqual(
            plain.jobsURL(connectionID: "c1", limit: 10),
            "http://localhost:8000/api/public/v1/jobs?connectionId=c1&limit=10&orderBy=createdAt%7CDESC")
    }

    func testLenientTimes() {
        let base = Date(timeIntervalSince1970: 1_759_362_360)  // 2025-10-01T23:46:00Z
        XCTAssertEqual(AirbyteTime.date("2025-10-01T23:46Z"), base)
        XCTAssertEqual(AirbyteTime.date("2025-10-01T23:46:07Z"), base.addingTimeInterval(7))
        XCTAssertEqual(AirbyteTime.date("2025-10-01T23:46:07.5Z"), base.addingTimeInterval(7.5))
        XCTAssertEqual(AirbyteTime.date("2025-10-02T01:46+02:00"), base)
        XCTAssertNil(AirbyteTime.date("yesterday"))
        XCTAssertNil(AirbyteTime.date(nil))
    }

    func testISODurations() {
        XCTAssertEqual(AirbyteTime.seconds("PT8H6M12S"), 29_172)
        XCTAssertEqual(AirbyteTime.seconds("P1DT1S"), 86_401)
        XCTAssertEqual(AirbyteTime.seconds("PT0.5S"), 0.5)
        XCTAssertNil(AirbyteTime.seconds("8h"))
        XCTAssertNil(AirbyteTime.seconds("PT5"))
    }
}
