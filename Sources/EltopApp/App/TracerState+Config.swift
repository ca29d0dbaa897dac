import EltopConfig
import EltopCore

extension TracerState {
    /// The tracer's starting state from `cdc_probe:`: on when a probe URL is set and the warehouse is
    /// configured (PostgreSQL or Snowflake; the same condition under which `FeedCatalog` builds its client).
    init(_ config: Config) {
        self.init(config.cdcProbe)
        configured = configured && config.warehouse.isConfigured
        warehouseKind = config.warehouse.effectiveKind == .snowflake ? .snowflake : .postgres
    }

    private init(_ config: CdcProbeConfig) {
        self.init()
        configured = config.isConfigured
        table = config.table
        rawTable = config.rawTable
        stagingTable = config.stagingTable
        slot = config.slot
        connectionID = config.connection
    }
}
