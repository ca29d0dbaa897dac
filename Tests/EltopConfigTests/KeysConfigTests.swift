import EltopConfig
import EltopCore
import Foundation
import XCTest

/// `keys:`: rebinding through the config, and `config check`'s errors for names, keys and clashes.
final class KeysConfigTests: XCTestCase {
    func testRebindingsReachTheKeyMapAndTheReport() throws {
        let sandbox = try ConfigSandbox()
        let path = try sandbox.writeLocalConfig(
            """
            keys:
              start_sync: S
              quit: [Q, ctrl-c]
              confirm.confirm_no: [n, esc]
            """)
        let result = sandbox.evaluate()
        XCTAssertEqual(result.problems, [], describe(result))
        let map = result.config.keys.keyMap
        XCTAssertEqual(map.action(for: .character("S"), mode: .normal, readOnly: false), .startSync)
        XCTAssertEqual(map.action(for: .character("Q"), mode: .normal, readOnly: false), .quit)
        XCTAssertNil(map.action(for: .character("q"), mode: .normal, readOnly: false))
        XCTAssertNil(map.action(for: .enter, mode: .confirm, readOnly: false), "Enter no longer answers no")
        let report = ConfigCheck.run(sandbox.loader()).render().replacingOccurrences(of: path, with: "eltop.yaml")
        let expected = """
            Keys (rebound; the others as in help):
              start_sync          S  (eltop.yaml:2:15)
              quit                Q, ctrl-c  (eltop.yaml:3:9)
              confirm.confirm_no  n, esc  (eltop.yaml:4:23)

            """
        XCTAssertTrue(report.hasSuffix(expected), report)
    }

    func testUnknownNamesUnreadableKeysAndClashesAreErrorsAtTheirLines() throws {
        let sandbox = try ConfigSandbox()
        let path = try sandbox.writeLocalConfig(
            """
            keys:
              start_snyc: S
              run_dbt: ctrl-
              refresh_now: [F5]
              cancel_dbt: s
              filter.filter_commit: k
              copy: ctrl-b
            """)
        let report = ConfigCheck.run(sandbox.loader())
        XCTAssertEqual(report.exitStatus, 1)
        let lines = report.problems.filter { $0.keyPath?.hasPrefix("keys.") ?? false }.map { $0.description.replacingOccurrences(of: path, with: "eltop.yaml") }
        XCTAssertEqual(
            lines,
            [
                #"eltop.yaml:2:15: error: keys.start_snyc: unknown action "start_snyc" (hint: did you mean "start_sync"?)"#,
                #"eltop.yaml:3:12: error: keys.run_dbt: cannot read "ctrl-" as a key (hint: write \#(Key.specForms))"#,
                #"eltop.yaml:4:16: error: keys.refresh_now: cannot read "F5" as a key (hint: write \#(Key.specForms))"#,
                "eltop.yaml:6:25: error: keys.filter.filter_commit: a printable key in filter mode is filter text (hint: use a control or named key, e.g. ctrl-u)",
                "eltop.yaml:5:15: error: keys.cancel_dbt: s is bound to both start_sync and cancel_dbt in normal mode (hint: give one of them another key)",
                "eltop.yaml:7:9: warning: keys.copy: ctrl-b is tmux's prefix key: inside tmux it never reaches eltop",
            ], lines.joined(separator: "\n"))
    }

    func testAnEmptyListOrAMappingIsRefused() throws {
        let sandbox = try ConfigSandbox()
        try sandbox.writeLocalConfig(
            """
            keys:
              quit: []
              copy:
                key: y
            """)
        let messages = sandbox.evaluate().problems.map(\.message)
        XCTAssertEqual(messages, ["no keys given", "expected a string or a list of strings, found a mapping"], "\(messages)")
    }
}
