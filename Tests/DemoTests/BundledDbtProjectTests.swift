import EltopDemo
import EltopSpawn
import EltopTestSupport
import Foundation
import Testing

/// The bundled dbt project, built with the real dbt from `.venv` on raw as the sync engine's first sync wrote it.
@Suite("Bundled dbt project", .serialized) struct BundledDbtProjectTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func buildsGreenAndStagingMatchesTheLiveSourceAndDropsSoftDeletes() async throws {
        let demo = try await SharedDemoStack.get()
        let dbt = Self.repository.appendingPathComponent(".venv/bin/dbt").path
        try #require(FileManager.default.isExecutableFile(atPath: dbt), "no dbt at \(dbt): run `make deps`")
        let work = "/tmp/eltop-demo-dbt-\(getpid())-\(UUID().uuidString.prefix(6))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let project = try BundledDbtProject.install(from: try BundledDbtProject.locate(), into: work, warehousePort: demo.endpoints.warehousePort)

        let (status, output) = try Self.dbt(dbt, ["build"], project: project, profiles: work)
        try #require(status == 0, "dbt build failed:\n\(output.suffix(4000))")
        #expect(output.contains("PASS="), "no test ran:\n\(output.suffix(2000))")
        for table in DVDRentalTable.allCases {
            let live = try Psql.value("SELECT count(*) FROM \(table.rawValue)", url: demo.endpoints.sourceAdminURL)
            let staged = try Psql.value("SELECT count(*) FROM staging.stg_\(table.rawValue)", url: demo.endpoints.warehouseURL)
            #expect(staged == live, "stg_\(table.rawValue)")
        }
        for relation in ["marts.dim_customer", "marts.dim_film", "marts.dim_staff", "marts.dim_date", "marts.dim_film_actor", "marts.fct_rental",
            "reports.monthly_revenue_by_store", "reports.revenue_by_category", "reports.revenue_by_rating"] {
            #expect(try Psql.value("SELECT count(*) > 0 FROM \(relation)", url: demo.endpoints.warehouseURL) == "t", "\(relation) is empty")
        }
        #expect(try Psql.value("SELECT count(*) FROM reports.top_10_customers", url: demo.endpoints.warehouseURL) == "10")
        #expect(try Psql.value("SELECT count(*) FROM marts.fct_rental", url: demo.endpoints.warehouseURL) == "16044")

        // A soft delete (Airbyte's tombstone: _ab_cdc_deleted_at set at a later LSN) leaves staging on the next run.
        let warehouse = demo.endpoints.warehouseURL
        try Psql.value("UPDATE raw.payment SET _ab_cdc_deleted_at = now(), _ab_cdc_lsn = _ab_cdc_lsn + 1 WHERE payment_id = 1", url: warehouse)
        defer { _ = try? Psql.value("UPDATE raw.payment SET _ab_cdc_deleted_at = NULL, _ab_cdc_lsn = _ab_cdc_lsn - 1 WHERE payment_id = 1", url: warehouse) }
        let (again, rerun) = try Self.dbt(dbt, ["build", "--select", "stg_payment+"], project: project, profiles: work)
        #expect(again == 0, "dbt build after the soft delete failed:\n\(rerun.suffix(3000))")
        #expect(try Psql.value("SELECT count(*) FROM staging.stg_payment WHERE payment_id = 1", url: warehouse) == "0")
        #expect(try Psql.value("SELECT count(*) FROM staging.stg_payment", url: warehouse) == String(DVDRentalTable.payment.sampleRows - 1))
    }

    static func dbt(_ dbt: String, _ arguments: [String], project: String, profiles: String) throws -> (Int32, String) {
        try ChildProcess.run(
            "/usr/bin/env", ["DBT_SEND_ANONYMOUS_USAGE_STATS=false", "sh", "-c", "cd \"$0\" && exec \"$@\"", project, dbt]
                + arguments + ["--profiles-dir", profiles, "--no-use-colors"])
    }
}
