import EltopSpawn
import Foundation
import XCTest

/// `eltop config check` in the real binary refuses a rebinding that clashes, naming the file and the
/// line of the key, exits 1, and warns about a binding on tmux's prefix.
final class ConfigCheckKeysEndToEndTests: XCTestCase {
    func testARebindingClashIsRefusedWithFileAndLine() throws {
        let stem = NSTemporaryDirectory() + "eltop-keys-check-\(UUID().uuidString.prefix(8))"
        let config = stem + ".yaml", output = stem + ".out"
        defer { for path in [config, output] { try? FileManager.default.removeItem(atPath: path) } }
        try "keys:\n  cancel_dbt: s\n  copy: ctrl-b\n".write(toFile: config, atomically: true, encoding: .utf8)
        let pid = try ChildProcess.spawn(
            "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "LANG=C.UTF-8", try TmuxEltop.eltopBinary(), "config", "check", "--config", config],
            outputPath: output)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(30)
        while waitpid(pid, &status, WNOHANG) != pid {
            guard Date() < deadline else { kill(pid, SIGKILL); return XCTFail("config check did not exit within 30 s") }
            usleep(20_000)
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        XCTAssertEqual((status >> 8) & 0xff, 1, text)
        XCTAssertTrue(text.contains("\(config):2:15: error: keys.cancel_dbt: s is bound to both start_sync and cancel_dbt in normal mode"), text)
        XCTAssertTrue(text.contains("\(config):3:9: warning: keys.copy: ctrl-b is tmux's prefix key"), text)
    }
}
