import EltopConfig
import Foundation

/// Asks Airbyte whether the connection that carries the probe replicates its table: the public API's
/// `GET /connections/{id}` lists the connection's selected streams with their sync modes (its
/// configured catalog), so a stream absent from that list is not selected. The connection is the one
/// the dashboard traces: `cdc_probe.connection` (id or name) among the watched ones, else the first.
struct ProbeStreamCheck: Sendable {
    let api: AirbyteAPI?
    /// `airbyte.connection_ids`; empty: every connection the credentials can see.
    let connectionIDs: [String]
    let probe: CdcProbeConfig

    /// The sync mode the tracer is built for: one row per key in raw, deletes carried by CDC.
    static let expectedMode = "incremental_deduped_history"

    /// One line: `ok:`, `warn:` (selected with another sync mode), `missing:` (not selected, or no such
    /// connection), or `check by hand:` when Airbyte is not configured or did not answer.
    func finding() async -> String {
        let stream = probe.tableName
        let byHand = "the stream \(stream) is selected in the Airbyte connection (its sync mode: \(Self.words(Self.expectedMode)))"
        guard let api else { return "check by hand: \(byHand) (Airbyte is not configured in eltop)" }
        let connection: PublicConnection
        do {
            guard let found = try await probeConnection(api) else {
                return "missing: the Airbyte connection \(probe.connection ?? "") (cdc_probe.connection) is not among the connections eltop sees"
            }
            connection = found
        } catch {
            return "check by hand: eltop could not ask Airbyte (\(ErrorText.describe(error))), so it cannot tell whether \(byHand)"
        }
        let streams = connection.configurations?.streams ?? []
        guard let selected = streams.first(where: { $0.name == stream && ($0.namespace ?? probe.tableSchema) == probe.tableSchema }) else {
            return "missing: the stream \(stream) is not selected in the Airbyte connection \(connection.name): in Airbyte open the connection's Schema tab, "
                + "refresh the source schema if \(stream) is not listed, select it and set \(Self.words(Self.expectedMode))"
        }
        guard let mode = selected.syncMode else {
            return "warn: the stream \(stream) is selected in \(connection.name), but Airbyte did not say its sync mode (the tracer expects \(Self.words(Self.expectedMode)))"
        }
        guard mode == Self.expectedMode else {
            return "warn: the stream \(stream) is selected in \(connection.name) as \(Self.words(mode)); the tracer expects \(Self.words(Self.expectedMode))"
        }
        return "ok: the stream \(stream) is selected in the Airbyte connection \(connection.name) (\(Self.words(mode)))"
    }

    private func probeConnection(_ api: AirbyteAPI) async throws -> PublicConnection? {
        var connections: [PublicConnection] = []
        if connectionIDs.isEmpty {
            connections = try await api.call("GET", api.endpoints.connectionsURL(limit: 100), as: PublicConnections.self).data
        } else {
            for id in connectionIDs { connections.append(try await api.call("GET", api.endpoints.connectionURL(id), as: PublicConnection.self)) }
        }
        guard let wanted = probe.connection else { return connections.first }
        return connections.first { $0.connectionId == wanted || $0.name == wanted }
    }

    /// A sync mode as Airbyte's connection page names it.
    static func words(_ mode: String) -> String {
        let names = [
            "incremental_deduped_history": "Incremental | Append + Deduped", "incremental_append": "Incremental | Append",
            "full_refresh_overwrite": "Full refresh | Overwrite", "full_refresh_append": "Full refresh | Append",
            "full_refresh_overwrite_deduped": "Full refresh | Overwrite + Deduped",
        ]
        return names[mode].map { "\($0) (\(mode))" } ?? mode
    }
}
