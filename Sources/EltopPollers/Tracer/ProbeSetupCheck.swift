import EltopConfig
import EltopPostgres
import Foundation

/// What `eltop config check` finds missing for the tracer, by asking the source (as the dashboard's
/// role, which reads catalogs) and the probe role itself, by looking in the dbt project, and by asking
/// Airbyte whether the probe's stream is selected (`ProbeStreamCheck`).
public struct ProbeSetupCheck: Sendable {
    let config: Config

    public init(config: Config) { self.config = config }

    /// One line per finding, each saying what is missing or that it is in place.
    public func findings() async -> [String] {
        let probe = config.cdcProbe
        guard let probeURL = probe.sourceURL else { return ["the tracer is off: set cdc_probe.source_url (docs/configuration.md)"] }
        let name = ProbeTableName(probe.table.contains(".") ? probe.table : "\(probe.tableSchema).\(probe.table)")
        var lines: [String] = []
        let catalogURL = config.source.connection?.revealed ?? probeURL.revealed
        let catalog = PGConnection(conninfo: catalogURL, settings: .init(applicationName: "eltop-config-check"))
        do {
            lines += try await catalogFindings(catalog, name: name, probe: probe)
        } catch {
            lines.append("missing: could not read the source's catalog: \(ErrorText.describe(error))")
        }
        await catalog.close()
        let writer = PGConnection(conninfo: probeURL.revealed, settings: .init(applicationName: "eltop-config-check"))
        do {
            let result = try await writer.query(
                "SELECT current_user, has_table_privilege(to_regclass($1), 'SELECT,INSERT,UPDATE,DELETE')", [name.regclass])
            let row = result.rows.first ?? []
            let user = row.first.flatMap { $0 } ?? "?"
            lines.append(row.count == 2 && row[1] == "t" ? "ok: \(user) may write rows of \(probe.table)"
                : "missing: grants: \(user) may not SELECT, INSERT, UPDATE and DELETE \(probe.table)")
        } catch {
            lines.append("missing: grants: the probe URL does not reach the source or the table: \(ErrorText.describe(error))")
        }
        await writer.close()
        lines.append(stagingModelFinding(probe))
        let airbyte = AirbyteAPI(config: config.airbyte, userAgent: "eltop-config-check")
        lines.append(await ProbeStreamCheck(api: airbyte, connectionIDs: config.airbyte.connectionIDs, probe: probe).finding())
        return lines
    }

    private func catalogFindings(_ connection: PGConnection, name: ProbeTableName, probe: CdcProbeConfig) async throws -> [String] {
        let table = try await connection.query(
            """
            SELECT c.relreplident::text, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)::text,
              coalesce((SELECT string_agg(pubname, ', ') FROM pg_publication_tables p WHERE p.schemaname = $2 AND p.tablename = $3), '')
            FROM pg_class c WHERE c.oid = to_regclass($1)
            """, [name.regclass, probe.tableSchema, probe.tableName])
        guard let row = table.rows.first, row.count == 3 else { return ["missing: the table \(probe.table) (run the setup SQL above)"] }
        var lines = ["ok: the table \(probe.table) exists"]
        let publications = row[2] ?? ""
        lines.append(publications.isEmpty ? "missing: \(probe.table) is in no publication (ALTER PUBLICATION … ADD TABLE)" : "ok: published by \(publications)")
        switch (row[0], row[1]) {
        case ("n", _): lines.append("missing: REPLICA IDENTITY is NOTHING: updates and deletes cannot be replicated")
        case ("d", "false"): lines.append("missing: REPLICA IDENTITY DEFAULT without a primary key: deletes carry no key")
        default: lines.append("ok: REPLICA IDENTITY lets updates and deletes through")
        }
        return lines
    }

    /// A model file named like the staging table in the dbt project's models.
    private func stagingModelFinding(_ probe: CdcProbeConfig) -> String {
        let model = String(probe.stagingTable.split(separator: ".").last ?? "")
        guard let project = config.dbt.projectDir else { return "check by hand: a staging model \(model) (dbt is not configured in eltop)" }
        let models = (project as NSString).appendingPathComponent("models")
        let files = FileManager.default.enumerator(atPath: models)?.compactMap { $0 as? String } ?? []
        return files.contains { ($0 as NSString).lastPathComponent == model + ".sql" }
            ? "ok: the dbt project has the model \(model)" : "missing: a staging model \(model).sql in \(models)"
    }
}
