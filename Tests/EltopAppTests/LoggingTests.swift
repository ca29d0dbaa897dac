import Foundation
import Logging
import XCTest

@testable import EltopApp

final class LoggingTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "eltop-logging-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testExplicitLogFileWins() {
        let path = LoggingSetup.logFilePath(explicit: "/tmp/x.log", environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/me"])
        XCTAssertEqual(path, "/tmp/x.log")
    }

    func testXDGStateHomeIsUsedWhenAbsolute() {
        XCTAssertEqual(LoggingSetup.logFilePath(explicit: nil, environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/me"]), "/state/eltop/eltop.log")
        // The XDG spec says a relative path is invalid and must be ignored.
        XCTAssertEqual(LoggingSetup.logFilePath(explicit: nil, environment: ["XDG_STATE_HOME": "state", "HOME": "/home/me"]), "/home/me/.local/state/eltop/eltop.log")
    }

    func testDefaultIsUnderHome() {
        XCTAssertEqual(LoggingSetup.logFilePath(explicit: nil, environment: ["HOME": "/home/me"]), "/home/me/.local/state/eltop/eltop.log")
    }

    func testLogFileIsCreatedPrivateWithItsDirectories() throws {
        let path = directory + "/nested/eltop.log"
        _ = try LogFile(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let dirAttributes = try FileManager.default.attributesOfItem(atPath: directory + "/nested")
        XCTAssertEqual((dirAttributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
    }

    func testAnExistingLogFileIsMadePrivate() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/eltop.log"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("old line\n".utf8), attributes: [.posixPermissions: 0o644]))
        _ = try LogFile(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    /// `--log-file /dev/null` must leave the device's mode alone (as root a chmod would lock every other
    /// user out of it); a FIFO stands in for the device here.
    func testALogPathThatIsNotARegularFileKeepsItsMode() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/pipe"
        XCTAssertEqual(mkfifo(path, 0o666), 0)
        chmod(path, 0o666)
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        _ = try LogFile(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o666)
    }

    func testHandlerAppendsOneLinePerMessageWithLevelLabelAndMetadata() throws {
        let path = directory + "/eltop.log"
        let file = try LogFile(path: path)
        var logger = Logger(label: "eltop.test") { label in FileLogHandler(label: label, file: file, level: .info) }
        logger[metadataKey: "feed"] = "source"
        logger.info("poll failed", metadata: ["attempt": "3"])
        logger.debug("below the level")
        logger.warning("second")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasSuffix(" info eltop.test: poll failed attempt=3 feed=source"), lines[0])
        XCTAssertTrue(lines[1].hasSuffix(" warning eltop.test: second feed=source"), lines[1])
        XCTAssertNotNil(lines[0].range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z "#, options: .regularExpression), lines[0])
    }

    func testAnUnwritableLogFileIsAnError() {
        XCTAssertThrowsError(try LogFile(path: "/proc/eltop-cannot-write-here/eltop.log"))
    }
}
