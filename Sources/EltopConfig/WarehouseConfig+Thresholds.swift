import EltopCore

// Separate from WarehouseConfig.swift, which must not import EltopCore: both modules name a
// `WarehouseKind`.
extension WarehouseConfig {
    /// The pane's and `check`'s thresholds for drift and stale raw tables.
    public var thresholds: WarehouseThresholds {
        WarehouseThresholds(driftWarnRows: driftWarnRows, rawStaleAfterSeconds: rawStaleAfterSeconds)
    }
}
