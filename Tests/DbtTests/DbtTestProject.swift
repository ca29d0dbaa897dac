import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// The dbt tests' project: a copy of the shared fixture (`DbtFixtureProject`) on its own database, and
/// the `DbtConfig` that runs it with the repository's `.venv/bin/dbt`.
typealias DbtTestProject = DbtFixtureProject

extension DbtFixtureProject {
    static func make() throws -> DbtFixtureProject { try make(prefix: "dbt") }

    func config(arguments: String = "build --exclude tag:slow", executable: String? = nil) throws -> DbtConfig {
        var config = DbtConfig()
        config.projectDir = directory.path
        config.profilesDir = directory.path
        config.command = "\(try executable ?? Self.dbtExecutable()) \(arguments)"
        config.cancelGracePeriodSeconds = 10
        return config
    }
}

/// Collects what a `DbtInvoker` reports, and waits for the run to end.
///
/// `@unchecked Sendable`: `recorded` is touched only under `lock`; the semaphore is thread-safe.
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

/// Runs dbt through `invoker` and returns the recorder once the run ended.
func runToEnd(_ invoker: DbtInvoker, _ kind: DbtRunKind, seconds: Double = 90) async throws -> EventRecorder {
    let recorder = EventRecorder()
    _ = Task { await invoker.run(kind, send: recorder.send) }
    let ended = await Task.detached { recorder.waitForEnd(seconds: seconds) }.value
    guard ended else { throw DbtTestError("dbt did not finish within \(Int(seconds)) s") }
    return recorder
}

struct DbtTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
