import Foundation

/// The run eltop started: progress per node from dbt's log, and the timeline entries for its start and end.
extension DashboardState {
    mutating func applyDbtEvent(_ event: DbtEvent) -> [Effect] {
        switch event {
        case .runStarted(let kind, let commandLine, let selectsEverything, let at):
            dbt.invocation = DbtInvocation(kind: kind, commandLine: commandLine, startedAt: at, selectsEverything: selectsEverything)
            log(.dbt, .ok, "started \(commandLine)", at: at)
        case .logged(let record):
            dbt.invocation?.apply(record)
        case .cancelSignalled(let at):
            dbt.invocation?.cancelRequested = true
            log(.dbt, .warn, "cancelling \(dbt.invocation?.commandLine ?? "dbt") (SIGINT sent)", at: at)
        case .runEnded(let exitCode, let signalled, let at):
            guard var invocation = dbt.invocation else { return [] }
            invocation.endedAt = at
            if invocation.cancelRequested {
                invocation.outcome = .cancelled
            } else {
                // The child's status is 128 + the signal's number when a signal ended it.
                invocation.outcome = signalled ? .killed(signal: exitCode - 128) : .exited(code: exitCode)
            }
            for id in invocation.order where invocation.nodes[id]?.status == .running {
                invocation.nodes[id]?.status = invocation.outcome == .cancelled ? .cancelled : .unknown
            }
            dbt.invocation = invocation
            let took = DurationText.short(at.timeIntervalSince(invocation.startedAt))
            switch invocation.outcome {
            case .cancelled: log(.dbt, .warn, "\(invocation.commandLine) cancelled after \(took)", at: at)
            case .exited(0): log(.dbt, .ok, "\(invocation.commandLine) finished in \(took)", at: at)
            case .killed(let signal): log(.dbt, .crit, "\(invocation.commandLine) was killed by \(SignalName.describe(signal)) after \(took)", at: at)
            default: log(.dbt, .crit, "\(invocation.commandLine) exited with \(exitCode) after \(took)", at: at)
            }
            // dbt has written fresh artifacts: read them now rather than at the next poll.
            return [.refresh([.dbt])]
        case .runFailedToStart(let kind, let message, let at):
            var invocation = DbtInvocation(kind: kind, commandLine: dbt.commandLine, startedAt: at, selectsEverything: false)
            invocation.endedAt = at
            invocation.outcome = .failedToStart(message: message)
            // A run still going keeps its place; only say why the new one did not start.
            if !dbt.running { dbt.invocation = invocation }
            log(.dbt, .crit, "could not start dbt: \(message)", at: at)
        }
        return []
    }
}

extension DbtInvocation {
    /// Folds one log line into the run's progress.
    mutating func apply(_ record: DbtLogRecord) {
        if let total = record.total { self.total = total }
        if record.level != "debug", !record.message.isEmpty {
            log.append(DbtLogLine(at: record.at, level: record.level, text: record.message))
            if log.count > Self.runLogLimit { log.removeFirst(log.count - Self.runLogLimit) }
        }
        guard let id = record.uniqueId else { return }
        var node = nodes[id] ?? DbtLiveNode(uniqueId: id, name: record.nodeName ?? id, resourceType: record.resourceType ?? "node", status: .queued)
        if nodes[id] == nil { order.append(id) }
        if let materialized = record.materialized { node.materialized = materialized }
        if let index = record.index { node.index = index }
        switch record.name {
        case "LogStartLine", "NodeStart":
            if node.startedAt == nil { node.startedAt = record.at }
            if node.status == .queued { node.status = .running }
        case "LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult", "SkippingDetails", "NodeFinished":
            if let status = record.nodeStatus.map(DbtNodeStatus.init(rawValue:)), status != .running { node.status = status }
            if let time = record.executionTime { node.executionTime = time }
            if let rows = record.rowsAffected { node.rowsAffected = rows >= 0 ? rows : nil }
            if let failures = record.failures { node.failures = failures }
        case "RunResultError":
            node.message = record.errorMessage ?? record.message
        case "SQLCompiledPath":
            node.compiledPath = record.compiledPath
        default:
            break
        }
        if record.name == "SkippingDetails" { node.status = .skipped }
        node.logLines.append(record.message)
        if node.logLines.count > Self.nodeLogLimit { node.logLines.removeFirst(node.logLines.count - Self.nodeLogLimit) }
        nodes[id] = node
    }
}
