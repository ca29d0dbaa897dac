import EltopApp
import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import EltopUI
import Foundation
import Logging
import XCTest

/// `y` through the runtime to the terminal, and the remembered view on disk.
@MainActor
final class CopyAndViewMemoryTests: XCTestCase {
    private var directory: URL!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-view-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.appendingPathComponent("locked").path)
        try? FileManager.default.removeItem(at: directory)
    }

    /// A runtime on `state` with the scripted terminal, the view memory at `file`, and `keyMap`.
    private func start(_ state: DashboardState, file: ViewMemoryFile, keyMap: KeyMap = .standard) async throws -> (Runtime, ScriptedTerminal, RuntimeInbox, Task<RuntimeExit, Never>) {
        let terminal = ScriptedTerminal(size: Size(cols: 100, rows: 30))
        let inbox = RuntimeInbox()
        let runtime = Runtime(state: state, feeds: FeedCatalog(pollers: [], schedules: [:]), clock: ManualClock(now: StateFixtures.now), inbox: inbox)
        runtime.attach(TerminalPresenter(terminal: terminal, settings: PresenterSettings(theme: .builtIn, glyphs: .unicode, keyMap: keyMap)))
        runtime.subscribe(ViewMemory(file: file))
        let running = Task { await runtime.run() }
        _ = try await waitUntil("the first frame is drawn", seen: { terminal.memory.framesPresented }) { $0 >= 1 }
        return (runtime, terminal, inbox, running)
    }

    func testYCopiesTheSelectedRowThroughTheTerminalAndARebindingMovesIt() async throws {
        let keyMap = KeyMap.standard.rebound([.init(name: "copy", keys: [.control("y")])])
        let (_, terminal, inbox, running) = try await start(StateFixtures.ok(), file: ViewMemoryFile(path: directory.path + "/view.json"), keyMap: keyMap)
        inbox.post(.terminal(.key(.character("y"))))
        inbox.post(.terminal(.key(.control("y"))))
        _ = try await waitUntil("the copy is confirmed", seen: { terminal.screenText }) { $0.contains("Copied slot name: airbyte_slot") }
        XCTAssertEqual(terminal.clipboard, ["airbyte_slot"], "the old y must copy nothing")
        inbox.post(.terminal(.key(.character("q"))))
        _ = await running.value
    }

    func testTheViewIsSavedWhenItChangesAndRestoredNextTime() async throws {
        let file = ViewMemoryFile(path: directory.path + "/state/eltop/view.json")
        let (runtime, _, inbox, running) = try await start(StateFixtures.ok(), file: file)
        for key: Key in [.character("3"), .character("o"), .character("/"), .character("a"), .enter] { inbox.post(.terminal(.key(key))) }
        _ = try await waitUntil("the filter is kept", seen: { runtime.state.ui }) { !$0.editingFilter && $0.filter(.warehouse) == "a" }
        inbox.post(.terminal(.key(.character("q"))))
        _ = await running.value

        XCTAssertEqual(file.load(log: Logger(label: "test")), RememberedView(focus: .warehouse, warehouseSort: "drift", filters: ["Warehouse": "a"]))
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/state/eltop")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700)
    }

    func testABrokenFileIsIgnoredAndAnUnwritableOneDoesNotStopTheDashboard() async throws {
        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\"focus\": 99".utf8).write(to: broken)
        XCTAssertNil(ViewMemoryFile(path: broken.path).load(log: Logger(label: "test")))

        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
        let file = ViewMemoryFile(path: locked.path + "/sub/view.json")
        // Root ignores directory permissions; then the directory is a file instead, which nobody can write under.
        if getuid() == 0 {
            try FileManager.default.removeItem(at: locked)
            try Data().write(to: locked)
        }
        let (runtime, _, inbox, running) = try await start(StateFixtures.ok(), file: file)
        inbox.post(.terminal(.key(.character("2"))))
        inbox.post(.terminal(.key(.character("4"))))
        _ = try await waitUntil("focus moves on", seen: { runtime.state.ui.focus }) { $0 == .dbt }
        inbox.post(.terminal(.key(.character("q"))))
        let exit = await running.value
        XCTAssertEqual(exit, .quit)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }

    func testTheFileIsPerConfigUnderXDGStateHome() {
        let environment = ["XDG_STATE_HOME": "/state", "HOME": "/home/op"]
        let a = ViewMemoryFile(configPath: "/etc/eltop/prod.yaml", environment: environment)
        let b = ViewMemoryFile(configPath: "/etc/eltop/staging.yaml", environment: environment)
        XCTAssertTrue(a.path.hasPrefix("/state/eltop/view-"), a.path)
        XCTAssertNotEqual(a.path, b.path)
        XCTAssertEqual(a.path, ViewMemoryFile(configPath: "/etc/eltop/./prod.yaml", environment: environment).path)
        XCTAssertTrue(ViewMemoryFile(configPath: nil, environment: ["HOME": "/home/op"]).path.hasPrefix("/home/op/.local/state/eltop/view-"))
    }
}
