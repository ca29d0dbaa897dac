import Foundation

/// The tracer's keys and its client's answers. Writes go through `requestConfirmation` like every action
/// that changes something; traces are asked for only while a trip is in flight (see `Reducer+TracerTriggers`).
extension DashboardState {
    mutating func requestProbe(_ operation: ProbeOperation) -> [Effect] {
        guard tracer.configured else {
            ui.notice = "the tracer is off: add cdc_probe: to eltop.yaml (docs/configuration.md)"
            return []
        }
        if ui.readOnly {
            // Refused before anything else is checked: read-only says so whatever the probe's state.
            requestConfirmation(ConfirmPrompt(question: "", effect: .writeProbe(operation, probeID: nil, note: nil), actionName: "probe \(operation.rawValue)"))
            return []
        }
        if let writing = tracer.writing {
            ui.notice = "a probe \(writing.rawValue) is still on its way to the source"
            return []
        }
        let note = operation == .delete ? nil : "eltop probe \(operation.rawValue) \(Self.probeStamp(now))"
        let question: String
        var probeID: Int64?
        switch operation {
        case .insert:
            question = "Insert a probe row into \(tracer.table)?"
        case .update, .delete:
            guard let live = tracer.liveProbeID else {
                ui.notice = "no live probe to \(operation.rawValue): press i to insert one"
                return []
            }
            probeID = live
            question = operation == .update ? "Update probe \(live) in \(tracer.table)?" : "Delete probe \(live) from \(tracer.table)?"
        }
        requestConfirmation(ConfirmPrompt(
            question: question, effect: .writeProbe(operation, probeID: probeID, note: note), actionName: "probe \(operation.rawValue)"))
        return []
    }

    mutating func applyTracer(_ event: TracerEvent) -> [Effect] {
        switch event {
        case .probeWritten(let write):
            tracer.writing = nil
            tracer.lastError = nil
            tracer.lastTripID += 1
            let committed = CommittedHop(at: write.committedAt, lsn: write.lsn, query: write.query)
            tracer.trips.append(ProbeTrip(id: tracer.lastTripID, operation: write.operation, probeID: write.probeID, note: write.note, committed: committed))
            tracer.trips = Array(tracer.trips.suffix(TracerState.keptTrips))
            tracer.liveProbeID = write.operation == .delete ? nil : write.probeID
            ui.notice = "probe \(write.probeID) \(write.operation.rawValue) committed at LSN \(write.lsn)"
            logTracer(.ok, "probe \(write.probeID) \(write.operation.rawValue) committed at LSN \(write.lsn)", at: write.committedAt)
            if write.pruned > 0 { logTracer(.ok, "deleted \(write.pruned) probe rows older than a day", at: write.committedAt) }
        case .probeWriteFailed(let operation, let message, let missingTable, let at):
            tracer.writing = nil
            tracer.lastError = message
            ui.notice = "probe \(operation.rawValue) failed: \(message)"
            logTracer(.crit, "probe \(operation.rawValue) failed: \(message)", at: at)
            if missingTable { failInFlight(message, at: at) }
        case .traced(let observation):
            tracer.tracing = false
            tracer.lastError = nil
            tracer.traceError = nil
            advanceTrips(with: observation)
            return traceQueued()
        case .traceFailed(let message, let missingTable, let at):
            tracer.tracing = false
            tracer.lastError = message
            tracer.traceError = missingTable ? nil : message
            logTracer(missingTable ? .crit : .warn, "trace failed: \(message)", at: at)
            if missingTable { failInFlight(message, at: at) }
            return traceQueued()
        }
        return []
    }

    /// Marks the write issued, so a second key waits for its answer.
    mutating func noteProbeIssued(_ effect: Effect) {
        if case .writeProbe(let operation, _, _) = effect { tracer.writing = operation }
    }

    private mutating func failInFlight(_ reason: String, at: Date) {
        for index in tracer.trips.indices where tracer.trips[index].isInFlight {
            tracer.trips[index].failure = reason
            logTracer(.crit, "probe trip #\(tracer.trips[index].id) failed: \(reason)", at: at)
        }
    }

    private mutating func advanceTrips(with observation: TraceObservation) {
        let jobs = tracerConnection?.jobs ?? []
        for index in tracer.trips.indices where tracer.trips[index].isInFlight {
            let before = tracer.trips[index]
            tracer.trips[index].advance(with: observation, jobs: jobs)
            let after = tracer.trips[index]
            for hop in Hop.allCases where before.time(of: hop) == nil {
                guard let at = after.time(of: hop) else { continue }
                logTracer(.ok, "probe trip #\(after.id) \(after.operation.rawValue): \(hop.title) after \(DurationText.short(after.latency(of: hop) ?? 0))", at: at)
            }
            if before.raw == nil, after.raw != nil { supersedeEarlierTrips(than: after, at: observation.at) }
        }
    }

    /// Raw keeps one version per key: an earlier trip of the same probe that has not reached raw when a later
    /// one did never will.
    private mutating func supersedeEarlierTrips(than trip: ProbeTrip, at: Date) {
        for index in tracer.trips.indices where tracer.trips[index].isInFlight && tracer.trips[index].raw == nil
            && tracer.trips[index].probeID == trip.probeID && tracer.trips[index].id < trip.id {
            tracer.trips[index].failure = "overtaken by trip #\(trip.id) before it reached raw (raw keeps the latest change per key)"
        }
    }

    /// The Airbyte connection that carries the probe: the configured one, else the first.
    var tracerConnection: AirbyteConnection? {
        let connections = airbyte.reading?.connections ?? []
        if let id = tracer.connectionID { return connections.first { $0.id == id || $0.name == id } }
        return connections.first
    }

    mutating func logTracer(_ severity: Severity, _ message: String, at: Date) {
        timeline.add(TimelineEntry(at: at, origin: .tracer, severity: severity, message: message))
    }

    /// A note no other write shares, so raw and staging can be matched to exactly this write.
    static func probeStamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
