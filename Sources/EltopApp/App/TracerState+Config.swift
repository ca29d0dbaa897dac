import EltopConfig
import EltopCore

extension TracerState {
    /// The tracer's starting state from `cdc_probe:`: on when a probe URL is set.
    init(_ config: CdcProbeConfig) {
        self.init()
        configured = config.isConfigured
        table = config.table
        rawTable = config.rawTable
        stagingTable = config.stagingTable
        slot = config.slot
        connectionID = config.connection
    }
}
