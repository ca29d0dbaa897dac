import Foundation

/// The CDC tracer: its probe trips and what it is waiting on. Configured by `cdc_probe:`; without it
/// the pane and its keys are hidden.
public struct TracerState: Codable, Equatable, Sendable {
    public var configured = false
    /// The source's probe table and the warehouse's raw and staging names, for texts and the detail view.
    public var table = "eltop_probe"
    public var rawTable = "raw.eltop_probe"
    public var stagingTable = "staging.stg_eltop_probe"
    /// The replication slot whose `confirmed_flush_lsn` says the change was acknowledged; nil: the only slot.
    public var slot: String?
    /// The Airbyte connection that carries the probe; nil: the first connection.
    public var connectionID: String?
    /// Oldest first; a session keeps the last `keptTrips`.
    public var trips: [ProbeTrip] = []
    /// The probe row eltop wrote last and has not deleted: what `u` and `d` act on.
    public var liveProbeID: Int64?
    /// A write confirmed and not yet answered; a second one waits.
    public var writing: ProbeOperation?
    /// A trace asked for and not yet answered.
    public var tracing = false
    /// The layers a sync or transform that ended while a trace was out asked for: read once that trace
    /// answers, so no end is lost (each may be the one that carried the change).
    public var queuedTrace: TraceLayers?
    /// The last trace's failure, until a trace answers: the hop a trip waits for shows it, and the trip
    /// keeps waiting for the next end to read again.
    public var traceError: String?
    /// The warehouse the tracer reads. Snowflake bills its virtual warehouse while queries run, so it is
    /// read only after a sync or transform ends, never at a warehouse poll.
    public var warehouseKind: WarehouseKind = .postgres
    /// The last failed write or trace, until one succeeds.
    public var lastError: String?
    /// The newest job of the probe's connection whose end has been seen: a later end asks for one trace.
    public var lastEndedJobID: Int64?
    /// Trips numbered in this session.
    public var lastTripID = 0

    public static let keptTrips = 20

    public init() {}

    public var inFlight: [ProbeTrip] { trips.filter(\.isInFlight) }

    /// True for a warehouse that costs per query: no trace at its polls.
    public var warehouseBillsPerQuery: Bool { warehouseKind == .snowflake }

    /// The last trip that reached staging.
    public var lastCompleted: ProbeTrip? { trips.last(where: \.isComplete) }

    /// Trips newest first, as the pane lists them.
    public var newestFirst: [ProbeTrip] { trips.reversed() }
}

/// Positions in the WAL, compared as numbers: the source says `16/B374D848`, raw stores `_ab_cdc_lsn` as a decimal.
public enum WALPosition {
    public static func value(_ text: String) -> UInt64? {
        let parts = text.split(separator: "/")
        if parts.count == 2, let high = UInt64(parts[0], radix: 16), let low = UInt64(parts[1], radix: 16) {
            return high << 32 | low
        }
        return UInt64(text.split(separator: ".").first ?? "")
    }

    /// `16/B374D848` for a number, as Postgres prints a `pg_lsn`.
    public static func text(_ value: UInt64) -> String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    /// True when `position` is at or past `target`; false when either cannot be read.
    public static func reached(_ position: String?, _ target: String) -> Bool {
        guard let position, let p = value(position), let t = value(target) else { return false }
        return p >= t
    }
}
