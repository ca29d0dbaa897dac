import Foundation

/// The one state of the dashboard. Changed only by `reduce(_:_:)`; rendered by `render(_:size:theme:)`.
public struct DashboardState: Codable, Equatable, Sendable {
    /// The time the state was last told; ages and staleness are measured against it.
    public var now: Date
    public var source: SourceState
    public var airbyte: AirbyteState
    public var warehouse: WarehouseState
    public var dbt: DbtState
    public var tracer = TracerState()
    /// The pipeline run in progress, or the last one (`p`, `eltop run`, `sync --wait`, `transform`).
    public var pipeline: PipelineRun?
    public var timeline = Timeline()
    public var ui = UIState()
    /// What the verdicts (`Verdicts/`) remember across polls, and their thresholds.
    public var verdictMemory = VerdictMemory()

    public init(now: Date, source: SourceState, airbyte: AirbyteState, warehouse: WarehouseState, dbt: DbtState) {
        self.now = now
        self.source = source
        self.airbyte = airbyte
        self.warehouse = warehouse
        self.dbt = dbt
    }

    /// The health of a feed, by name.
    public func health(_ feed: Feed) -> FeedHealth {
        switch feed {
        case .source: return source.health
        case .airbyte: return airbyte.health
        case .warehouse: return warehouse.health
        case .dbt: return dbt.health
        }
    }

    public mutating func updateHealth(_ feed: Feed, _ change: (inout FeedHealth) -> Void) {
        switch feed {
        case .source: change(&source.health)
        case .airbyte: change(&airbyte.health)
        case .warehouse: change(&warehouse.health)
        case .dbt: change(&dbt.health)
        }
    }

    /// How bad a feed's data looks, ignoring freshness.
    public func severity(_ feed: Feed) -> Severity {
        switch feed {
        case .source: return source.severity
        case .airbyte: return airbyte.severity
        case .warehouse: return !warehouse.hasPairConcern(now: now) ? warehouse.severity : max(warehouse.severity, .warn)
        case .dbt: return dbt.severity
        }
    }

    /// The status a pane and `snapshot --json` show: freshness first, then the data's own severity.
    /// Stale data never shows as ok, and a failing poll shows as error however good the old data was.
    public func status(_ feed: Feed) -> Status { status(feed, severity: { severity(feed) }) }

    /// `status(feed)` with the data's severity from `severity`, asked only when the data is fresh.
    func status(_ feed: Feed, severity: () -> Severity) -> Status {
        switch health(feed).phase(now: now) {
        case .unconfigured: return .unconfigured
        case .failing: return .error
        case .stale, .loading: return .stale
        case .fresh: return severity().status
        }
    }
}
