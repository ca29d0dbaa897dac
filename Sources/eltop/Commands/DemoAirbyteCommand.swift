import ArgumentParser
import EltopDemoAirbyte
import EltopReplication
import Foundation

/// `eltop demo-airbyte`: the demo's Airbyte server on its own (hidden: `eltop demo` starts it for you).
/// Arguments only; the server is `DemoAirbyteServer` (docs/demo-airbyte.md).
struct DemoAirbyteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-airbyte", abstract: "Serve the demo's Airbyte API over a real CDC replication into raw.",
        shouldDisplay: false)

    enum AuthChoice: String, ExpressibleByArgument, CaseIterable { case none, basic, client }
    enum LSNCommitChoice: String, ExpressibleByArgument, CaseIterable { case afterLoad = "after-load", whileReading = "while-reading" }

    @Option(help: "Port on 127.0.0.1 (0: a free one, printed).")
    var port = 0
    @Option(name: .customLong("second-port"), help: "Also listen here, for the old layout: --port 8000 --second-port 8006.")
    var secondPort: Int?
    @Option(help: ArgumentHelp("none, basic (user/AIRBYTE_PASSWORD, default password) or client (client id/AIRBYTE_CLIENT_SECRET).", valueName: "mode"))
    var auth = AuthChoice.basic
    @Option(help: "HTTP Basic user name.")
    var username = "airbyte"
    @Option(name: .customLong("client-id"), help: "The application's client id for --auth client.")
    var clientID = "eltop-demo"
    @Option(name: .customLong("token-minutes"), help: "Lifetime of the bearer tokens of --auth client.")
    var tokenMinutes = 15
    @Option(help: ArgumentHelp("libpq conninfo of the source database (a role with REPLICATION).", valueName: "conninfo"))
    var source: String
    @Option(help: ArgumentHelp("libpq conninfo of the warehouse database that holds the raw schema.", valueName: "conninfo"))
    var warehouse: String
    @Option var slot = "airbyte_slot"
    @Option var publication = "airbyte_publication"
    @Option(name: .customLong("raw-schema")) var rawSchema = "raw"
    @Option(name: .customLong("lsn-commit"), help: "When the slot's position moves: after-load (Airbyte's default) or while-reading.")
    var lsnCommit = LSNCommitChoice.afterLoad
    @Flag(name: .customLong("soft-deletes"), help: "Keep deleted rows with _ab_cdc_deleted_at set instead of removing them.")
    var softDeletes = false
    @Option(name: .customLong("sync-every"), help: ArgumentHelp("Start a sync every N whole minutes (1m, 30m, 2h); none: manual only.", valueName: "interval"))
    var syncEvery: String?
    @Flag(name: .customLong("fail-first-attempt"), help: "Fail every job's first attempt, so tools meet 'incomplete' and a retry.")
    var failFirstAttempt = false
    @Option(help: ArgumentHelp("The job history file (default: $XDG_STATE_HOME/eltop/demo-airbyte-jobs.json).", valueName: "path"))
    var history: String?
    @Option(name: .customLong("connection-id"), help: "The connection's id (fixed by default, so scripts keep working).")
    var connectionID = DemoConnection().id

    func validate() throws {
        if let syncEvery { _ = try schedule(syncEvery) }
        if tokenMinutes <= 0 { throw ValidationError("--token-minutes must be at least 1") }
    }

    func run() async throws {
        do {
            var connection = DemoConnection(id: connectionID)
            connection.schedule = try syncEvery.map(schedule)
            let replication = SyncConnection(
                connectionId: connectionID, sourceConninfo: source, slotName: slot, publicationName: publication, warehouseConninfo: warehouse,
                rawSchema: rawSchema, lsnCommit: lsnCommit == .afterLoad ? .afterLoadingDestination : .whileReading, deletes: softDeletes ? .soft : .hard)
            let config = DemoAirbyteConfig(
                port: port, extraPort: secondPort, auth: try authMode(), historyURL: historyURL(), connection: connection, replication: replication,
                policy: DemoJobPolicy(failFirstAttempt: failFirstAttempt))
            let signo = try await DemoAirbyteServer.serveUntilSignalled(config) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            throw ExitCode(128 + signo)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandFailure.exit(error)
        }
    }

    private func schedule(_ text: String) throws -> SyncSchedule {
        do { return try SyncSchedule(parsing: text) } catch { throw ValidationError("\(error)") }
    }

    /// Secrets come from the environment, never from arguments a process list would show.
    private func authMode() throws -> DemoAuthMode {
        let environment = ProcessInfo.processInfo.environment
        switch auth {
        case .none: return .none
        case .basic: return .basic(username: username, password: environment["AIRBYTE_PASSWORD"] ?? "password")
        case .client:
            guard let secret = environment["AIRBYTE_CLIENT_SECRET"], !secret.isEmpty else {
                throw ValidationError("--auth client needs the client secret in AIRBYTE_CLIENT_SECRET")
            }
            return .clientCredentials(clientID: clientID, clientSecret: secret, tokenLifetime: .seconds(tokenMinutes * 60))
        }
    }

    private func historyURL() -> URL {
        if let history { return URL(fileURLWithPath: history) }
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
        return state.appendingPathComponent("eltop/demo-airbyte-jobs.json")
    }
}
