import EltopConfig
import EltopCore
import EltopPostgres

/// What eltop watches and acts on for a given config: one poller per configured feed, and the clients
/// behind the areas' effects (nil when the area is not configured). Each area adds its own line here.
public struct FeedCatalog: Sendable {
    public var pollers: [Poller] = []
    /// The schedule of each feed, from its configured poll interval.
    public var schedules: [Feed: PollSchedule] = [:]
    /// Starts and cancels Airbyte jobs.
    public var airbyteJobs: AirbyteJobRequests?
    /// Runs and interrupts dbt.
    public var dbt: DbtInvoker?
    /// Writes and traces the CDC probe (`cdc_probe:`).
    public var tracer: ProbeTracer?

    /// A catalog of the given parts, for tests and for callers that build their own feeds.
    public init(
        pollers: [Poller], schedules: [Feed: PollSchedule] = [:], airbyteJobs: AirbyteJobRequests? = nil, dbt: DbtInvoker? = nil,
        tracer: ProbeTracer? = nil
    ) {
        self.pollers = pollers
        self.schedules = schedules
        self.airbyteJobs = airbyteJobs
        self.dbt = dbt
        self.tracer = tracer
    }

    public init(config: Config, userAgent: String = "eltop") {
        for feed in Feed.allCases {
            schedules[feed] = PollSchedule(intervalSeconds: config.settings(for: feed).pollIntervalSeconds)
        }
        if let connection = config.source.connection {
            pollers.append(SourcePoller(connection: PGConnection(conninfo: connection.revealed), slotNames: config.source.slots))
        }
        if let api = AirbyteAPI(config: config.airbyte, userAgent: userAgent) {
            pollers.append(AirbytePoller(api: api, connectionIDs: config.airbyte.connectionIDs))
            airbyteJobs = AirbyteJobRequests(api: api.withOwnConnection())
        }
        if let warehouse = WarehouseFactory.poller(config.warehouse) { pollers.append(warehouse) }
        if let poller = DbtArtifactPoller(config: config.dbt) {
            pollers.append(poller)
            dbt = DbtInvoker(config: config.dbt)
        }
        tracer = ProbeTracer(config: config)
    }
}
