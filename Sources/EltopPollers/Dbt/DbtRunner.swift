import EltopConfig
import EltopCore
import Foundation

/// Carries out `runDbt` and `cancelDbt`: one dbt child at a time, its JSON log parsed live into
/// `Event.dbt`, cancelled by SIGINT then SIGTERM then SIGKILL to its process group.
public final class DbtRunner: EffectPerformer, @unchecked Sendable {
    private let config: DbtConfig
    private let environment: [String: String]
    private let lock = NSLock()
    private var child: DbtChildProcess?

    /// `environment` is the child's environment before eltop adds DBT_SEND_ANONYMOUS_USAGE_STATS=false.
    public init(config: DbtConfig, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.config = config
        self.environment = environment
    }

    public func perform(_ effect: Effect, send: @escaping @Sendable (Event) -> Void) async -> Bool {
        switch effect {
        case .runDbt(let kind):
            start(kind, send: send)
            return true
        case .cancelDbt:
            cancel(send: send)
            return true
        default:
            return false
        }
    }

    /// Ends a running dbt before eltop exits: SIGINT so it cancels its queries, then harder.
    public func stop() async {
        guard let child = lock.withLock({ self.child }) else { return }
        let grace = min(config.cancelGracePeriodSeconds, 5)
        await Task.detached {
            for signal in [SIGINT, SIGTERM, SIGKILL] {
                child.signalGroup(signal)
                if child.waitForExit(seconds: grace) { return }
            }
        }.value
    }

    private func start(_ kind: DbtRunKind, send: @escaping @Sendable (Event) -> Void) {
        let failed = { (message: String) in send(.dbt(.runFailedToStart(kind, message: message, at: Date()))) }
        do {
            let command = try DbtCommand(config: config, kind: kind)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: command.directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                return failed("the dbt project dir \(command.directory) does not exist")
            }
            let executable = try command.resolvedExecutable(path: environment["PATH"])
            var childEnvironment = environment
            childEnvironment["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
            try lock.withLock {
                guard child == nil else { throw DbtRunError("a dbt run is already going; cancel it with x first") }
                child = try DbtChildProcess.start(
                    executable: executable, arguments: command.arguments, environment: childEnvironment, directory: command.directory,
                    onStart: {
                        send(.dbt(.runStarted(kind, commandLine: command.displayLine, selectsEverything: command.selectsEverything, at: Date())))
                    },
                    onLine: { line in
                        guard !line.isEmpty else { return }
                        let record = DbtLogParser.parse(line, at: Date())
                        // Debug lines about no node (connections, cache) change nothing on screen: drop
                        // them here rather than pass thousands of no-op events through the store.
                        guard record.level != "debug" || record.uniqueId != nil else { return }
                        send(.dbt(.logged(record)))
                    },
                    onExit: { [weak self] code, signalled in
                        self?.lock.withLock { self?.child = nil }
                        send(.dbt(.runEnded(exitCode: code, signalled: signalled, at: Date())))
                    })
            }
        } catch {
            failed(ErrorText.describe(error))
        }
    }

    private func cancel(send: @escaping @Sendable (Event) -> Void) {
        guard let child = lock.withLock({ self.child }) else { return }
        child.signalGroup(SIGINT)
        send(.dbt(.cancelSignalled(at: Date())))
        let grace = config.cancelGracePeriodSeconds
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
            guard !child.hasExited else { return }
            child.signalGroup(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { child.signalGroup(SIGKILL) }
        }
    }
}
