import EltopConfig
import XCTest

@testable import EltopPollers

/// The command eltop starts keeps every flag; the line the pane and timeline show drops eltop's log flags
/// and the profiles directory, so "exited 0 after 14s" fits beside it at 80 columns.
final class DbtCommandTests: XCTestCase {
    func testTheShownLineKeepsSelectorAndTargetAndDropsTheProfilesDirectory() throws {
        var config = DbtConfig()
        config.projectDir = "/srv/dbt"
        config.command = "/opt/dbt/bin/dbt build --exclude tag:slow"
        config.selector = "tag:nightly"
        config.target = "prod"
        config.profilesDir = "/home/oncall/.local/share/eltop/demo/dbt"
        let build = try DbtCommand(config: config, kind: .build)
        XCTAssertEqual(
            build.arguments,
            ["build", "--exclude", "tag:slow", "--select", "tag:nightly", "--target", "prod", "--profiles-dir", "/home/oncall/.local/share/eltop/demo/dbt"]
                + DbtCommand.logFlags)
        XCTAssertEqual(build.displayLine, "dbt build --exclude tag:slow --select tag:nightly --target prod")
        XCTAssertEqual(try DbtCommand(config: config, kind: .retry).displayLine, "dbt retry --target prod")
        config.profilesDir = nil
        XCTAssertEqual(try DbtCommand(config: config, kind: .build).displayLine, "dbt build --exclude tag:slow --select tag:nightly --target prod")
    }
}
