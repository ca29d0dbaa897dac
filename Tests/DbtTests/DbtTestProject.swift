import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// A copy of `Fixtures/project` in a temp dir with a `profiles.yml` pointing at its own database on the
/// shared test PostgreSQL, and the repository's `.venv/bin/dbt`.
struct DbtTestProject {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let directory: URL
    let database: String
    let postgres: TestPostgres

    /// `<repo>/.venv/bin/dbt`, or a failure that says how to get it.
    static func dbtExecutable() throws -> String {
        let path = repository.appendingPathComponent(".venv/bin/dbt").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw missingDbt("dbt not found at \(path): run `make deps` (or link .venv to a venv with dbt-core<1.12 and dbt-postgres)")
        }
        return path
    }

    static func make() throws -> DbtTestProject {
        let postgres = try TestPostgres.shared()
        let database = try postgres.createDatabase(prefix: "dbt")
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-dbt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("project"), to: directory)
        let profile = """
            eltop_fixture:
              target: test
              outputs:
                test:
                  type: postgres
                  host: 127.0.0.1
                  port: \(postgres.port)
                  user: postgres
                  password: ""
                  dbname: \(database)
                  schema: eltop
                  threads: 2
            """
        try profile.write(to: directory.appendingPathComponent("profiles.yml"), atomically: true, encoding: .utf8)
        return DbtTestProject(directory: directory, database: database, postgres: postgres)
    }

    func config(arguments: String = "build --exclude tag:slow", executable: String? = nil) throws -> DbtConfig {
        var config = DbtConfig()
        config.projectDir = directory.path
        config.profilesDir = directory.path
        config.command = "\(try executable ?? Self.dbtExecutable()) \(arguments)"
        config.cancelGracePeriodSeconds = 10
        return config
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A missing dbt is a broken setup, not a reason to pass: fail loudly.
private func missingDbt(_ message: String) -> Error {
    struct MissingDbt: Error, CustomStringConvertible { var description: String }
    return MissingDbt(description: message)
}

/// Collects what a `DbtRunner` reports, and waits for the run to end.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [DbtEvent] = []
    private let ended = DispatchSemaphore(value: 0)

    var send: @Sendable (Event) -> Void {
        { [self] event in
            guard case .dbt(let dbtEvent) = event else { return }
            lock.withLock { recorded.append(dbtEvent) }
            switch dbtEvent {
            case .runEnded, .runFailedToStart: ended.signal()
            default: break
            }
        }
    }

    var events: [DbtEvent] { lock.withLock { recorded } }

    /// Waits for the end of the run; false after `seconds`.
    func waitForEnd(seconds: Double) -> Bool { ended.wait(timeout: .now() + seconds) == .success }

    /// Waits until `predicate` holds for some recorded event.
    func waitFor(seconds: Double, _ predicate: (DbtEvent) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if events.contains(where: predicate) { return true }
            usleep(50_000)
        }
        return false
    }

    /// The state after every recorded event, starting from a configured dbt pane.
    func state(reading: DbtReading? = nil) -> DashboardState {
        var state = DbtStates.base(now: Date())
        if let reading { _ = reduce(&state, .pollSucceeded(.dbt(reading), at: state.now)) }
        for event in events { _ = reduce(&state, .dbt(event)) }
        return state
    }
}

/// Runs `effect` through `runner` and returns the recorder once the run ended.
func runToEnd(_ runner: DbtRunner, _ effect: Effect, seconds: Double = 90) async throws -> EventRecorder {
    let recorder = EventRecorder()
    _ = await runner.perform(effect, send: recorder.send)
    let ended = await Task.detached { recorder.waitForEnd(seconds: seconds) }.value
    guard ended else { throw DbtTestError("dbt did not finish within \(Int(seconds)) s") }
    return recorder
}

struct DbtTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
