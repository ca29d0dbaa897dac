import Dispatch
import EltopReplication
import Foundation

extension DemoAirbyteServer {
    /// What `eltop demo-airbyte` does: start, say where to connect (never a secret), serve until SIGINT
    /// or SIGTERM, then stop cleanly (running jobs cancelled, ports closed) and return the signal.
    public static func serveUntilSignalled(
        _ config: DemoAirbyteConfig, engine: any SyncEngine = PostgresSyncEngine(), say: @escaping @Sendable (String) -> Void
    ) async throws -> Int32 {
        let signals = StopSignals()
        let server = try await start(config, engine: engine)
        for line in server.banner { say(line) }
        let signo = await signals.next()
        say("stopping (signal \(signo)): cancelling running jobs")
        await server.stop()
        return signo
    }

    /// Where to connect and how to authenticate, for a person reading the terminal.
    public var banner: [String] {
        var lines = ["Airbyte (eltop demo) listening on \(baseURL.absoluteString)" + (extraURL.map { " and \($0.absoluteString)" } ?? "")]
        lines.append("  public API \(baseURL.absoluteString)/api/public/v1, config API \(baseURL.absoluteString)/api/v1, old paths /v1 and /health")
        lines.append("  connection \(connection.id) (\(connection.name))" + (connection.schedule.map { ", syncs every \($0.minutes) min" } ?? ", manual syncs"))
        switch auth {
        case .none: lines.append("  auth: none")
        case .basic(let user, _): lines.append("  auth: HTTP Basic, user \(user) (the password is the one you gave)")
        case .clientCredentials(let id, _, let lifetime):
            lines.append("  auth: client credentials, client id \(id), tokens from /api/public/v1/applications/token valid \(lifetime.components.seconds) s")
        }
        return lines
    }
}

/// SIGINT and SIGTERM as an awaitable value, through dispatch sources so the default action (dying with
/// jobs half-recorded) never runs.
private final class StopSignals {
    private let stream: AsyncStream<Int32>
    private let sources: [DispatchSourceSignal]

    init() {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        sources = [SIGINT, SIGTERM].map { signo in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler { continuation.yield(signo) }
            source.resume()
            return source
        }
    }

    func next() async -> Int32 {
        for await signo in stream { return signo }
        return SIGTERM
    }

    deinit { for source in sources { source.cancel() } }
}
