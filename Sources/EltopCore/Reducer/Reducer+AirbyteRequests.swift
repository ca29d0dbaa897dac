import Foundation

/// Answers to sync and cancel requests: state, a notice in the key bar, a timeline entry, and a refresh
/// so the pane shows the new job without waiting for the next poll.
extension DashboardState {
    mutating func applyAirbyte(_ event: AirbyteEvent) -> [Effect] {
        switch event {
        case .syncStarted(let connectionID, let jobID, let status, let at):
            airbyte.inFlight.remove(.sync(connectionID: connectionID))
            let name = connectionName(connectionID)
            insertStartedJob(AirbyteJob(id: jobID, status: status, jobType: "sync", startedAt: at, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil), into: connectionID)
            airbyte.selectedJobID = jobID
            ui.notice = "sync of \(name) started: job \(jobID)"
            log(.airbyte, .ok, "\(name): sync requested, job \(jobID) \(status.rawValue)", at: at)
        case .syncAlreadyRunning(let connectionID, let jobID, let at):
            airbyte.inFlight.remove(.sync(connectionID: connectionID))
            let name = connectionName(connectionID)
            selectConnection(connectionID)
            airbyte.selectedJobID = jobID ?? airbyte.reading?.connections.first { $0.id == connectionID }?.runningJob?.id
            let which = airbyte.selectedJobID.map { " (job \($0))" } ?? ""
            ui.notice = "a sync of \(name) is already running\(which)"
            log(.airbyte, .warn, "\(name): sync not started, one is already running\(which)", at: at)
        case .syncFailed(let connectionID, let message, let at):
            airbyte.inFlight.remove(.sync(connectionID: connectionID))
            let name = connectionName(connectionID)
            ui.notice = "sync of \(name) failed: \(message)"
            log(.airbyte, .crit, "\(name): sync request failed: \(message)", at: at)
        case .jobCancelled(let jobID, let at):
            ui.notice = "job \(jobID) cancel requested"
            log(.airbyte, .warn, "job \(jobID): cancel accepted", at: at)
        case .cancelFailed(let jobID, let message, let at):
            airbyte.inFlight.remove(.cancel(jobID: jobID))
            ui.notice = "cancelling job \(jobID) failed: \(message)"
            log(.airbyte, .crit, "job \(jobID): cancel failed: \(message)", at: at)
        }
        return health(.airbyte).configured ? [.refresh([.airbyte])] : []
    }

    private func connectionName(_ id: String) -> String {
        airbyte.reading?.connections.first { $0.id == id }?.name ?? id
    }

    /// Puts the new job at the top of its connection so `s` sees it running before the next poll does.
    private mutating func insertStartedJob(_ job: AirbyteJob, into connectionID: String) {
        guard var reading = airbyte.reading, let index = reading.connections.firstIndex(where: { $0.id == connectionID }),
            !reading.connections[index].jobs.contains(where: { $0.id == job.id })
        else { return }
        reading.connections[index].jobs.insert(job, at: 0)
        airbyte.reading = reading
    }

    private mutating func selectConnection(_ id: String) {
        if let row = visibleConnections.firstIndex(where: { $0.id == id }) { ui.selection[.airbyte] = Selection(key: id, index: row) }
    }
}
