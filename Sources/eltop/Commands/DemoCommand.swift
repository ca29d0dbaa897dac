import ArgumentParser
import EltopApp
import EltopDemoAirbyte

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the DVD-rental CDC pipeline's stage on this machine and open the dashboard on it.",
        discussion: """
            Two local PostgreSQL clusters (source with wal_level=logical, warehouse) under $XDG_DATA_HOME/eltop/demo, \
            the dvdrental sample generated from a seed, CDC set up as the seed project does, a local Airbyte whose syncs \
            replicate the slot into raw, and a bundled dbt project. \
            Ignores eltop.yaml and the ELTOP_*, AIRBYTE_*, SNOWFLAKE_*, PG* variables. See docs/demo.md.
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Remove the demo's data and build it again.")
    var fresh = false

    @Flag(help: "Stop the demo's clusters and exit.")
    var down = false

    @Flag(help: "Remove the clusters and their data when eltop exits.")
    var ephemeral = false

    @Flag(help: "Bring the stack up and print how to reach it instead of opening the dashboard; Ctrl-C stops eltop.")
    var headless = false

    @Option(help: ArgumentHelp("Multiply the big tables (inventory, rental, payment); 1 is the sample's size.", valueName: "N"))
    var scale = 1

    @Option(help: ArgumentHelp("Seed of the data generator: the same seed gives the same rows.", valueName: "N"))
    var seed: UInt64 = 2005

    @Option(help: ArgumentHelp("Write N transactions per second into the source (rentals, returns, payments, edits, deletes); 0 is off.", valueName: "N"))
    var traffic = 0

    @Option(name: .customLong("sync-every"), help: ArgumentHelp("Sync the local Airbyte's connection on a schedule (whole minutes: 5m, 1h); default: only when asked (s).", valueName: "TIME"))
    var syncEvery: String?

    @Option(help: ArgumentHelp("Serve the dashboard's state as Prometheus metrics meanwhile, on HOST:PORT (docs/metrics.md).", valueName: "addr"))
    var metrics: String?

    func validate() throws {
        if let syncEvery { _ = try schedule(syncEvery) }
    }

    private func schedule(_ text: String) throws -> SyncSchedule {
        do { return try SyncSchedule(parsing: text) } catch { throw ValidationError("--sync-every: \(error)") }
    }

    func run() async throws {
        var demo = DemoOptions()
        demo.fresh = fresh
        demo.down = down
        demo.ephemeral = ephemeral
        demo.headless = headless
        demo.scale = scale
        demo.seed = seed
        demo.traffic = traffic
        demo.syncEvery = try syncEvery.map(schedule)
        let status: Int32
        do {
            var app = options.appOptions
            app.metrics = metrics
            status = try await DemoSession.run(demo, app: app)
        } catch {
            throw CommandFailure.exit(error)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
