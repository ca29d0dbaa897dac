import EltopConfig
import EltopCore
import EltopPostgres

/// What eltop watches and acts on for a given config: one poller per configured feed, and the
/// performers of the areas' effects. Each area adds its own line here, nothing more.
public struct FeedCatalog: Sendable {
    public var pollers: [Poller] = []
    public var performers: [EffectPerformer] = []
    /// The schedule of each feed, from its configured poll interval.
    public var schedules: [Feed: PollSchedule] = [:]

    public init(config: Config, userAgent: String = "eltop") {
        for feed in Feed.allCases {
            schedules[feed] = PollSchedule(intervalSeconds: config.settings(for: feed).pollIntervalSeconds)
        }
        if let connection = config.source.connection {
            pollers.append(SourcePoller(connection: PGConnection(conninfo: connection.revealed), slotNames: config.source.slots))
        }
        if let api = AirbyteAPI(config: config.airbyte, userAgent: userAgent) {
            pollers.append(AirbytePoller(api: api, connectionIDs: config.airbyte.connectionIDs))
            performers.append(AirbyteSyncPerformer(api: api.withOwnConnection()))
        }
        if let warehouse = WarehouseFactory.poller(config.warehouse) { pollers.append(warehouse) }
        if let poller = DbtArtifactPoller(config: config.dbt) {
            pollers.append(poller)
            performers.append(DbtRunner(config: config.dbt))
        }
    }
}
