import EltopCore
import Foundation
import Prometheus

/// The dashboard's state as Prometheus text: what the panes show, in base units, read from the state
/// alone (a scrape never queries a system), with the poll figures the state does not keep.
///
/// A fresh registry per scrape: series of a slot that was dropped or a job that ended disappear with
/// it instead of lingering at their last value, and no two scrapes share mutable metric objects.
public enum StateExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// - Parameter version: eltop's version, for `eltop_build_info` (EltopCore knows none).
    public static func text(_ state: DashboardState, version: String, limits: MetricsLimits = MetricsLimits(), polls: PollStatistics = PollStatistics()) -> String {
        let out = SeriesWriter()
        out.gauge("eltop_build_info", "eltop's version; always 1.", ["version": version], 1)
        FeedSeries.write(state, polls: polls, into: out)
        SourceSeries.write(state, into: out)
        AirbyteSeries.write(state, into: out)
        WarehouseSeries.write(state, limits: limits, into: out)
        DbtSeries.write(state, into: out)
        VerdictSeries.write(state, into: out)
        TracerSeries.write(state, into: out)
        return out.registry.emitToString()
    }
}

/// Makes one series at a time; `nil` values are left out (an unknown figure is no series, never 0).
final class SeriesWriter {
    let registry = PrometheusCollectorRegistry()

    func gauge(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Double?) {
        guard let value else { return }
        let pairs = labels.map { ($0.key, $0.value) }
        let gauge = pairs.isEmpty ? registry.makeGauge(name: name, help: help) : registry.makeGauge(name: name, labels: pairs, help: help)
        gauge.set(value)
    }

    func gauge(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Int64?) {
        gauge(name, help, labels, value.map(Double.init))
    }

    func gauge(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Int?) {
        gauge(name, help, labels, value.map(Double.init))
    }

    func gauge(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:], _ flag: Bool?) {
        gauge(name, help, labels, flag.map { $0 ? 1.0 : 0.0 })
    }

    func timestamp(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:], _ date: Date?) {
        gauge(name, help, labels, date?.timeIntervalSince1970)
    }

    func counter(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String>, _ value: Int) {
        let pairs = labels.map { ($0.key, $0.value) }
        let counter = pairs.isEmpty ? registry.makeCounter(name: name, help: help) : registry.makeCounter(name: name, labels: pairs, help: help)
        counter.increment(by: Int64(value))
    }
}
