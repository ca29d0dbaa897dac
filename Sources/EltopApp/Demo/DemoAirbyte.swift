import EltopConfig
import EltopCore
import EltopDemo
import EltopDemoAirbyte
import EltopReplication
import Foundation

/// The demo's local Airbyte: `DemoAirbyteServer` on a free loopback port with the real
/// `PostgresSyncEngine` between the demo's source and warehouse, started by the `eltop demo` that owns
/// the stack and stopped with it.
///
/// Auth is HTTP Basic with the old docker-compose's fixed `airbyte`/`password`: the credentials belong
/// to the throwaway demo (never to the user), so `--headless` can print them for curl and the seed's
/// script, and the server listens on 127.0.0.1 only.
enum DemoAirbyte {
    static let username = "airbyte"
    static let password = "password"
    /// Stats reach the job every second (Airbyte's 5 s would leave a scale-1 snapshot of a few seconds
    /// with no live counts at all); the pane polls every 2 s.
    static let statsFlush = Duration.seconds(1)

    /// Where the owner writes its server's URL, so a second `eltop demo` attaching to the stack points its
    /// Airbyte pane at the same server. Removed when the owner stops the server.
    static func urlFile(_ directory: DemoDirectory) -> String { directory.path + "/airbyte.url" }
    /// The job history, in the demo's data dir: it goes with `--fresh` and `--ephemeral`.
    static func historyFile(_ directory: DemoDirectory) -> String { directory.path + "/airbyte-jobs.json" }

    static func start(_ endpoints: DemoEndpoints, directory: DemoDirectory, schedule: SyncSchedule?) async throws -> DemoAirbyteServer {
        var connection = DemoConnection()
        connection.schedule = schedule
        let replication = SyncConnection(
            connectionId: connection.id, sourceConninfo: endpoints.sourceAdminURL, slotName: DVDRentalSetup.slot,
            publicationName: DVDRentalSetup.publication, warehouseConninfo: endpoints.warehouseURL)
        let server = try await DemoAirbyteServer.start(DemoAirbyteConfig(
            auth: .basic(username: username, password: password), historyURL: URL(fileURLWithPath: historyFile(directory)),
            connection: connection, replication: replication, policy: DemoJobPolicy(statsFlushInterval: statsFlush)))
        do {
            try Data((server.baseURL.absoluteString + "\n").utf8).write(to: URL(fileURLWithPath: urlFile(directory)), options: .atomic)
        } catch {
            await server.stop()
            throw AppError("could not write \(urlFile(directory)): \(error.localizedDescription)")
        }
        return server
    }

    static func stop(_ server: DemoAirbyteServer, directory: DemoDirectory) async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: urlFile(directory))
    }

    /// The running owner's server, for an attaching `eltop demo`; nil when none is up.
    static func runningURL(_ directory: DemoDirectory) -> URL? {
        guard let text = try? String(contentsOfFile: urlFile(directory), encoding: .utf8) else { return nil }
        return URL(string: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Points the dashboard's Airbyte pane at the demo's server and its one connection.
    static func configure(_ config: inout Config, url: URL) {
        config.airbyte.server = url.absoluteString
        config.airbyte.connectionIDs = [DemoConnection().id]
        config.airbyte.username = username
        config.airbyte.password = Secret(password, origin: DemoConfig.origin)
        config.airbyte.pollIntervalSeconds = 2
        config.unconfiguredHints[.airbyte] = nil
    }
}
