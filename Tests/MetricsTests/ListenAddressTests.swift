import EltopApp
import EltopConfig
import EltopMetrics
import XCTest

final class ListenAddressTests: XCTestCase {
    func testTheDefaultIsLoopbackOnAPortOfItsOwn() throws {
        XCTAssertEqual(try MetricsExporter.address(flag: nil, config: MetricsConfig()), ListenAddress(host: "127.0.0.1", port: 39187))
        XCTAssertTrue(ListenAddress.default.isLoopback)
        XCTAssertNil(ListenAddress.default.exposureWarning)
        XCTAssertNotEqual(ListenAddress.defaultPort, 9187, "postgres_exporter's")
    }

    func testTheFlagWinsOverTheConfig() throws {
        var config = MetricsConfig()
        config.listen = "127.0.0.1:9999"
        XCTAssertEqual(try MetricsExporter.address(flag: nil, config: config).port, 9999)
        XCTAssertEqual(try MetricsExporter.address(flag: ":7000", config: config), ListenAddress(host: "127.0.0.1", port: 7000))
    }

    func testForms() throws {
        XCTAssertEqual(try ListenAddress(parsing: "127.0.0.2:80"), ListenAddress(host: "127.0.0.2", port: 80))
        XCTAssertEqual(try ListenAddress(parsing: "localhost:80"), ListenAddress(host: "127.0.0.1", port: 80))
        XCTAssertEqual(try ListenAddress(parsing: "8080"), ListenAddress(host: "127.0.0.1", port: 8080))
        XCTAssertEqual(try ListenAddress(parsing: "[::1]:8080"), ListenAddress(host: "::1", port: 8080))
        XCTAssertTrue(try ListenAddress(parsing: "[::1]:8080").isLoopback)
        for bad in ["", "host:", "1.2.3.4:99999", "::1:80", "[::1]80", "a:b:c", "127.0.0.1:-1"] {
            XCTAssertThrowsError(try ListenAddress(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("HOST:PORT"), "\(error)")
            }
        }
    }

    func testBindingBeyondLoopbackWarns() throws {
        let warning = try XCTUnwrap(try ListenAddress(parsing: "0.0.0.0:39187").exposureWarning)
        XCTAssertTrue(warning.contains("0.0.0.0:39187") && warning.contains("firewall"), warning)
        XCTAssertNotNil(try ListenAddress(parsing: "10.1.2.3:1").exposureWarning)
    }
}
