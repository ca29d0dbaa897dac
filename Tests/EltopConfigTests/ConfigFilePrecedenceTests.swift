import EltopConfig
import XCTest

/// `--config` > `$ELTOP_CONFIG` > `./eltop.yaml` > `$XDG_CONFIG_HOME/eltop/config.yaml`; first wins.
final class ConfigFilePrecedenceTests: XCTestCase {
    private func marker(_ name: String) -> String { "dbt:\n  command: \"\(name)\"\n" }

    /// Writes one file per place, each naming itself in `dbt.command`.
    private func sandboxWithAllFour() throws -> (ConfigSandbox, explicit: String) {
        let sandbox = try ConfigSandbox()
        let explicit = try sandbox.write(marker("explicit"), to: "elsewhere/explicit.yaml")
        let fromEnv = try sandbox.write(marker("env"), to: "elsewhere/env.yaml")
        try sandbox.writeLocalConfig(marker("local"))
        try sandbox.write(marker("xdg"), to: "xdg/eltop/config.yaml")
        sandbox.variables["ELTOP_CONFIG"] = fromEnv
        sandbox.variables["XDG_CONFIG_HOME"] = sandbox.root.appendingPathComponent("xdg").path
        return (sandbox, explicit)
    }

    func testExplicitPathWinsOverEverything() throws {
        let (sandbox, explicit) = try sandboxWithAllFour()
        let result = sandbox.evaluate(explicitPath: explicit)
        XCTAssertEqual(result.config.dbt.command, "explicit")
        XCTAssertEqual(result.file?.reason, .commandLine)
        XCTAssertEqual(result.file?.path, explicit)
    }

    func testEltopConfigWinsOverLocalAndXDG() throws {
        let (sandbox, _) = try sandboxWithAllFour()
        let result = sandbox.evaluate()
        XCTAssertEqual(result.config.dbt.command, "env")
        XCTAssertEqual(result.file?.reason, .environment)
    }

    func testLocalFileWinsOverXDG() throws {
        let (sandbox, _) = try sandboxWithAllFour()
        sandbox.variables["ELTOP_CONFIG"] = nil
        let result = sandbox.evaluate()
        XCTAssertEqual(result.config.dbt.command, "local")
        XCTAssertEqual(result.file?.path, sandbox.cwd + "/eltop.yaml")
    }

    func testXDGConfigHomeIsTheLastPlace() throws {
        let (sandbox, _) = try sandboxWithAllFour()
        sandbox.variables["ELTOP_CONFIG"] = nil
        try FileManager.default.removeItem(atPath: sandbox.cwd + "/eltop.yaml")
        let result = sandbox.evaluate()
        XCTAssertEqual(result.config.dbt.command, "xdg")
        XCTAssertEqual(result.file?.reason, .xdgConfigHome)
    }

    func testXDGDefaultsToDotConfigInHome() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write(marker("home"), to: "home/.config/eltop/config.yaml")
        XCTAssertEqual(sandbox.evaluate().config.dbt.command, "home")
    }

    func testRelativeXDGConfigHomeIsIgnoredAsTheSpecSays() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write(marker("relative"), to: "work/xdg/eltop/config.yaml")
        try sandbox.write(marker("home"), to: "home/.config/eltop/config.yaml")
        sandbox.variables["XDG_CONFIG_HOME"] = "xdg"
        XCTAssertEqual(sandbox.evaluate().config.dbt.command, "home")
    }

    func testExplicitRelativePathResolvesAgainstWorkingDirectory() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.write(marker("relative"), to: "work/conf/mine.yaml")
        XCTAssertEqual(sandbox.evaluate(explicitPath: "conf/mine.yaml").config.dbt.command, "relative")
    }

    func testMissingExplicitFileIsAnError() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig(marker("local"))
        let result = sandbox.evaluate(explicitPath: "/nonexistent/eltop.yaml")
        XCTAssertEqual(result.errors.count, 1, describe(result))
        XCTAssertTrue(result.errors[0].message.contains("/nonexistent/eltop.yaml"))
        XCTAssertTrue(result.errors[0].message.contains("does not exist"))
        XCTAssertNil(result.file, "a missing --config must not fall back to ./eltop.yaml")
        XCTAssertEqual(result.config.dbt.command, DbtConfig.defaultCommand)
        XCTAssertThrowsError(try sandbox.loader(explicitPath: "/nonexistent/eltop.yaml").load()) { error in
            XCTAssertEqual((error as? ConfigError)?.problems.count, 1)
        }
    }

    func testMissingFileNamedByEltopConfigIsAnErrorAtThatVariable() throws {
        let sandbox = try ConfigSandbox()
        sandbox.variables["ELTOP_CONFIG"] = sandbox.root.appendingPathComponent("gone.yaml").path
        let result = sandbox.evaluate()
        XCTAssertEqual(result.errors.map(\.location), [.environment("ELTOP_CONFIG")])
    }

    func testNoFileAnywhereIsFine() throws {
        let sandbox = try ConfigSandbox()
        let result = try sandbox.loader().load()
        XCTAssertNil(result.file)
        XCTAssertTrue(result.problems.isEmpty, describe(result))
        XCTAssertEqual(result.config, Config())
    }

    func testEmptyFileMeansDefaults() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig("# nothing configured yet\n")
        let result = sandbox.evaluate()
        XCTAssertNotNil(result.file)
        XCTAssertTrue(result.problems.isEmpty, describe(result))
        XCTAssertEqual(result.config.source.pollIntervalSeconds, 5)
        XCTAssertEqual(result.config.airbyte.pollIntervalSeconds, 10)
        XCTAssertEqual(result.config.warehouse.pollIntervalSeconds, 30)
        XCTAssertEqual(result.config.dbt.pollIntervalSeconds, 5)
        XCTAssertEqual(result.config.warehouse.rawSchema, "raw")
        XCTAssertEqual(result.config.warehouse.stagingSchema, "staging")
    }
}
