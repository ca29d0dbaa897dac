import EltopConfig
import EltopCore
import Foundation
import Synchronization

/// Runs dbt for `runDbt` and interrupts it for `cancelDbt`: one child at a time, its JSON log parsed live
/// into `Event.dbt`, cancelled by SIGINT then SIGTERM then SIGKILL to its process group.
///
/// `run` lasts as long as the child: the runtime keeps it in a keyed task, so quitting (or a newer run
/// replacing this one) cancels the task, and cancelling the task ends the child before `run` returns.
public final class DbtInvoker: Sendable {
    private let config: DbtConfig
    private let environment: [String: String]
    /// The child going now, if any; `cancel` reaches it from outside the task that runs it.
    private let child = Mutex<DbtChildProcess?>(nil)

    /// `environment` is the child's environment before eltop adds DBT_SEND_ANONYMOUS_USAGE_STATS=false.
    public init(config: DbtConfig, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.config = config
        self.environment = environment
    }

    /// Starts dbt and returns once it has exited (its `runEnded` sent) or could not start
    /// (`runFailedToStart` sent). Cancelling the calling task ends the child first: SIGINT so dbt cancels
    /// its queries, then harder after at most five seconds each.
    public func run(_ kind: DbtRunKind, send: @escaping @Sendable (Event) -> Void) async {
        let exit = ExitSignal()
        guard let started = start(kind, send: send, onExit: { exit.fire() }) else { return }
        await withTaskCancellationHandler {
            await exit.wait()
        } onCancel: {
            let grace = min(self.config.cancelGracePeriodSeconds, 5)
            DispatchQueue.global().async {
                for signal in [SIGINT, SIGTERM, SIGKILL] {
                    started.signalGroup(signal)
                    if started.waitForExit(seconds: grace) { return }
                }
            }
        }
    }

    /// `x`: SIGINT to the running dbt's process group, SIGTERM after the grace period, SIGKILL after another.
    public func cancel(send: @escaping @Sendable (Event) -> Void) {
        guard let running = child.withLock({ $0 }) else { return }
        running.signalGroup(SIGINT)
        send(.dbt(.cancelSignalled(at: Date())))
        let grace = config.cancelGracePeriodSeconds
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
            guard !running.hasExited else { return }
            running.signalGroup(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { running.signalGroup(SIGKILL) }
        }
    }

    /// Starts the child; nil (and `runFailedToStart` sent) when it could not.
    private func start(_ kind: DbtRunKind, send: @escaping @Sendable (Event) -> Void, onExit: @escaping @Sendable () -> Void) -> DbtChildProcess? {
        let failed = { (message: String) -> DbtChildProcess? in
            send(.dbt(.runFailedToStart(kind, message: message, at: Date())))
            return nil
        }
        do {
            let command = try DbtCommand(config: config, kind: kind)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: command.directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                return failed("the dbt project dir \(command.directory) does not exist")
            }
            let executable = try command.resolvedExecutable(path: environment["PATH"])
            var childEnvironment = environment
            childEnvironment["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
            return try child.withLock { child in
                guard child == nil else { throw DbtRunError("a dbt run is already going; cancel it with x first") }
                let started = try DbtChildProcess.start(
                    executable: executable, arguments: command.arguments, environment: childEnvironment, directory: command.directory,
                    onStart: {
                        send(.dbt(.runStarted(kind, commandLine: command.displayLine, selectsEverything: command.selectsEverything, at: Date())))
                    },
                    onLine: { line in
                        guard !line.isEmpty else { return }
                        let record = DbtLogParser.parse(line, at: Date())
                        // Debug lines about no node (connections, cache) change nothing on screen: drop
                        // them here rather than pass thousands of no-op events through the runtime.
                        guard record.level != "debug" || record.uniqueId != nil else { return }
                        send(.dbt(.logged(record)))
                    },
                    onExit: { [weak self] code, signalled in
                        self?.child.withLock { $0 = nil }
                        send(.dbt(.runEnded(exitCode: code, signalled: signalled, at: Date())))
                        onExit()
                    })
                child = started
                return started
            }
        } catch {
            return failed(ErrorText.describe(error))
        }
    }
}

/// Fires once, when the child has exited. `wait` ignores cancellation on purpose: a cancelled run still
/// waits for its child to be gone, so nothing outlives eltop.
private final class ExitSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func fire() {
        let waiter = state.withLock { state in
            state.fired = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let fired = state.withLock { state in
                if !state.fired { state.waiter = c }
                return state.fired
            }
            if fired { c.resume() }
        }
    }
}
