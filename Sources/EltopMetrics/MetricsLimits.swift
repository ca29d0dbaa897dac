/// How many series the exposition may spend on things whose number the pipeline decides.
///
/// Slots and connections are few by nature (a server's `max_replication_slots`, the connections named in
/// the config); warehouse tables and dbt nodes are not: a project with 1,000 tables or 15,000 nodes must
/// not become 15,000 series in someone's Prometheus. dbt nodes are always counted by status; tables past
/// `maxTableSeries` are folded into one `table="_other"` series.
public struct MetricsLimits: Equatable, Sendable {
    /// The default number of raw/staging pairs with series of their own (`metrics.max_table_series`).
    public static let defaultMaxTableSeries = 50

    public var maxTableSeries: Int

    public init(maxTableSeries: Int = MetricsLimits.defaultMaxTableSeries) {
        self.maxTableSeries = max(0, maxTableSeries)
    }
}
