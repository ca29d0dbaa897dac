import EltopCore

/// `eltop_tracer_*`: the CDC tracer's probe trips (only while `cdc_probe:` is configured): how long the
/// last completed one took from the source's commit to staging, and how many are still travelling.
enum TracerSeries {
    static func write(_ state: DashboardState, into out: SeriesWriter) {
        let tracer = state.tracer
        guard tracer.configured else { return }
        out.gauge("eltop_tracer_trips_in_flight", "Probe trips written and not yet seen in staging (nor failed).", [:], tracer.inFlight.count)
        guard let trip = tracer.lastCompleted else { return }
        out.gauge("eltop_tracer_end_to_end_seconds", "The last completed probe trip: source commit to staging.", [:], trip.total)
        out.timestamp("eltop_tracer_last_completed_timestamp_seconds", "When the last completed probe reached staging.", [:], trip.staging?.at)
        for hop in Hop.allCases where hop != .committed {
            out.gauge(
                "eltop_tracer_hop_seconds", "The last completed probe trip: seconds from the commit to each hop.", ["hop": hop.rawValue],
                trip.time(of: hop).map { $0.timeIntervalSince(trip.committed.at) })
        }
    }
}
