/// The Prometheus exporter of `eltop --metrics` and `eltop serve` (docs/metrics.md).
public struct MetricsConfig: Equatable, Sendable {
    /// `HOST:PORT` for `eltop serve` when `--metrics` names none; nil is 127.0.0.1:39187. Checked when the server starts (EltopMetrics' `ListenAddress`).
    public var listen: String?
    /// Raw/staging pairs that keep series of their own; the rest are folded into `table="_other"`.
    public var maxTableSeries = 50

    public init() {}

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.string("listen") { listen = value }
        if let value = yaml.count("max_table_series") { maxTableSeries = Int(clamping: value) }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.string("ELTOP_METRICS_LISTEN", for: "metrics.listen") { listen = value }
    }

    var summaryLines: [(key: String, value: String)] {
        [("listen", listen ?? "127.0.0.1:39187 (eltop serve)"), ("max_table_series", "\(maxTableSeries)")]
    }
}
