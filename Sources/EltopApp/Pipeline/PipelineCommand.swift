import EltopConfig
import EltopCore
import EltopPollers
import Foundation

/// `eltop sync`, `eltop transform` and `eltop run`: the dashboard's pipeline state machine on the same
/// runtime, with no terminal UI. Each is a set of steps; `run` is all of them, unchanged.
public enum PipelineCommand {
    public enum Kind: String, Sendable {
        case sync, transform, run
    }

    public struct Options: Sendable {
        public var kind: Kind
        public var connectionID: String?
        /// `sync --wait`; `run` always waits.
        public var wait: Bool
        public var timeoutSeconds: Double?
        public var cancelOnTimeout: Bool
        /// `transform -- ARGS`: appended to the configured dbt command.
        public var dbtArguments: [String]

        public init(kind: Kind, connectionID: String? = nil, wait: Bool = false, timeoutSeconds: Double? = nil, cancelOnTimeout: Bool = false, dbtArguments: [String] = []) {
            self.kind = kind
            self.connectionID = connectionID
            self.wait = wait
            self.timeoutSeconds = timeoutSeconds
            self.cancelOnTimeout = cancelOnTimeout
            self.dbtArguments = dbtArguments
        }

        var steps: [PipelineStep] {
            switch kind {
            case .sync: return wait ? [.sync, .wait] : [.sync]
            case .transform: return [.transform]
            case .run: return PipelineStep.allCases
            }
        }
    }

    /// Runs the command to its end and returns the exit status (see `CommandExitCode`).
    @MainActor
    public static func run(options: AppOptions, command: Options, environment: [String: String] = ProcessInfo.processInfo.environment) async -> Int32 {
        LoggingSetup.start(options: options, environment: environment)
        let output = PipelineOutput(isTTY: isatty(STDOUT_FILENO) == 1)
        do {
            var config = try loadConfig(options: options)
            if options.readOnly || config.ui.readOnly {
                throw AppError("refused: --read-only (or ui.read_only) forbids starting syncs and dbt runs")
            }
            if !command.dbtArguments.isEmpty {
                config.dbt.command += " " + command.dbtArguments.joined(separator: " ")
            }
            let request = try request(for: command, config: config)
            return await run(request, kind: command.kind, config: config, options: options, output: output)
        } catch {
            output.error("eltop: \(command.kind.rawValue): \(error)")
            return CommandExitCode.unreachable.rawValue
        }
    }

    /// The connection to sync: `--connection`, else the one configured; several configured is an error
    /// that lists them, as guessing would sync the wrong one.
    static func request(for command: Options, config: Config) throws -> PipelineRequest {
        let steps = command.steps
        var connectionID: String?
        if steps.contains(.sync) {
            let configured = config.airbyte.connectionIDs
            if let chosen = command.connectionID {
                connectionID = chosen
            } else if configured.count == 1 {
                connectionID = configured[0]
            } else if configured.isEmpty {
                throw AppError("no Airbyte connection: pass --connection ID or set airbyte.connection_ids (AIRBYTE_CONNECTION_ID)")
            } else {
                throw AppError("several Airbyte connections are configured; pass --connection with one of: " + configured.joined(separator: ", "))
            }
        }
        return PipelineRequest(
            steps: steps, connectionID: connectionID, timeoutSeconds: command.timeoutSeconds, cancelOnTimeout: command.cancelOnTimeout)
    }

    @MainActor
    static func run(_ request: PipelineRequest, kind: Kind, config: Config, options: AppOptions, output: PipelineOutput) async -> Int32 {
        // Signals first, so one that arrives while the runtime starts waits in its inbox.
        let inbox = RuntimeInbox()
        let signals = SignalSources(inbox: inbox)
        defer { signals.cancel() }
        var feeds = FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)")
        // Only Airbyte's poll tells the state machine anything; the other feeds would only add load.
        feeds.pollers = feeds.pollers.filter { $0.feed == .airbyte && request.steps.contains(.wait) }
        let runtime = Runtime(state: makeInitialState(now: Date(), options: options, config: config), feeds: feeds, inbox: inbox)
        let headless = HeadlessPipelineRun(request: request, kind: kind, output: output, asksOnInterrupt: output.isTTY && isatty(STDIN_FILENO) == 1)
        runtime.subscribe(headless)
        let exit = await runtime.run()
        return headless.exitStatus(after: exit)
    }
}
