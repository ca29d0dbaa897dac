import Foundation

/// Airbyte readings: job transitions to the timeline, and the record history of running jobs.
extension DashboardState {
    mutating func applyAirbyte(_ reading: AirbyteReading, at: Date) {
        // Only transitions after the first reading: the history already there is not news.
        if let previous = airbyte.reading {
            logJobTransitions(from: previous, to: reading, at: at)
        }
        recordProgress(reading, at: at)
        airbyte.reading = reading
        // A request that the server has answered in the data is no longer in flight.
        for connection in reading.connections where connection.runningJob == nil {
            for job in connection.jobs.prefix(1) { airbyte.inFlight.remove(.cancel(jobID: job.id)) }
        }
    }

    private mutating func logJobTransitions(from previous: AirbyteReading, to reading: AirbyteReading, at: Date) {
        let known = Dictionary(
            previous.connections.flatMap { c in c.jobs.map { ($0.id, $0.status) } }, uniquingKeysWith: { first, _ in first })
        for connection in reading.connections {
            for job in connection.jobs.reversed() where known[job.id] != job.status {
                let before = known[job.id]
                let name = "\(connection.name): job \(job.id)"
                switch job.status {
                case .running where before == nil || before == .pending || before == .queued:
                    log(.airbyte, .ok, "\(name) started", at: at)
                case .running:
                    log(.airbyte, .warn, "\(name) running again (attempt \(job.attempt.map(String.init) ?? "?"))", at: at)
                case .succeeded:
                    log(.airbyte, .ok, "\(name) succeeded", at: at)
                case .failed:
                    let why = job.failures.last.map { ": \($0.origin ?? "unknown") · \($0.message)" } ?? ""
                    log(.airbyte, .crit, "\(name) failed\(why)", at: at)
                case .cancelled:
                    log(.airbyte, .warn, "\(name) cancelled", at: at)
                case .incomplete:
                    log(.airbyte, .warn, "\(name) attempt failed, Airbyte will retry", at: at)
                default:
                    if before == nil { log(.airbyte, .ok, "\(name) \(job.status.rawValue)", at: at) }
                }
            }
        }
    }

    /// One sample per poll per running job; finished jobs' histories are dropped so memory stays flat.
    private mutating func recordProgress(_ reading: AirbyteReading, at: Date) {
        var running: Set<Int64> = []
        for connection in reading.connections {
            guard let job = connection.runningJob, let records = job.progress?.recordsEmitted ?? job.progress?.recordsCommitted
            else { continue }
            running.insert(job.id)
            var history = airbyte.recordHistory[job.id] ?? SampleHistory()
            if history.latest?.value != Double(records) || airbyte.statsChangedAt[job.id] == nil {
                airbyte.statsChangedAt[job.id] = at
            }
            history.record(Double(records), at: at)
            airbyte.recordHistory[job.id] = history
        }
        airbyte.recordHistory = airbyte.recordHistory.filter { running.contains($0.key) }
        airbyte.statsChangedAt = airbyte.statsChangedAt.filter { running.contains($0.key) }
    }

    /// The connection the Airbyte pane has selected, if any.
    var selectedConnection: AirbyteConnection? { selectedRow(.airbyte, in: visibleConnections) }
}

/// `s` and `c`: ask before a sync or a cancel, refuse what would be a second request.
extension DashboardState {
    mutating func requestSync() -> [Effect] {
        guard let connection = selectedConnection else {
            ui.notice = "no Airbyte connection to sync"
            return []
        }
        if airbyte.inFlight.contains(.sync(connectionID: connection.id)) {
            ui.notice = "a sync request for \(connection.name) is already on its way"
            return []
        }
        if let running = connection.runningJob {
            airbyte.selectedJobID = running.id
            ui.notice = "\(connection.name) is already syncing: job \(running.id) is \(running.status.rawValue)"
            return []
        }
        requestConfirmation(
            ConfirmPrompt(
                question: "Start a sync of \(connection.name)?",
                effect: .startAirbyteSync(connectionID: connection.id, connectionName: connection.name),
                actionName: "sync \(connection.name)"))
        return []
    }

    mutating func requestCancel() -> [Effect] {
        guard let connection = selectedConnection, let job = connection.runningJob else {
            ui.notice = "no running Airbyte job to cancel"
            return []
        }
        if airbyte.inFlight.contains(.cancel(jobID: job.id)) {
            ui.notice = "cancelling job \(job.id) is already requested"
            return []
        }
        requestConfirmation(
            ConfirmPrompt(
                question: "Cancel job \(job.id) of \(connection.name)?",
                effect: .cancelAirbyteJob(jobID: job.id, connectionName: connection.name),
                actionName: "cancel job \(job.id) of \(connection.name)"))
        return []
    }

    /// Called when a confirmed effect leaves: from here until its answer, the same request is refused.
    mutating func noteIssued(_ effect: Effect) {
        switch effect {
        case .startAirbyteSync(let id, _): airbyte.inFlight.insert(.sync(connectionID: id))
        case .cancelAirbyteJob(let id, _): airbyte.inFlight.insert(.cancel(jobID: id))
        default: break
        }
    }
}
