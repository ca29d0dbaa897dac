import Foundation

/// Airbyte readings: tell the timeline when a job starts, succeeds or fails.
extension DashboardState {
    mutating func applyAirbyte(_ reading: AirbyteReading, at: Date) {
        let known = Dictionary(
            (airbyte.reading?.connections ?? []).flatMap { c in c.jobs.map { ($0.id, $0.status) } },
            uniquingKeysWith: { first, _ in first })
        // Only transitions after the first reading: the history already there is not news.
        if airbyte.reading != nil {
            for connection in reading.connections {
                for job in connection.jobs.reversed() where known[job.id] != job.status {
                    switch job.status {
                    case .running where known[job.id] == nil || known[job.id] == .pending:
                        log(.airbyte, .ok, "\(connection.name): job \(job.id) started", at: at)
                    case .succeeded:
                        log(.airbyte, .ok, "\(connection.name): job \(job.id) succeeded", at: at)
                    case .failed:
                        log(.airbyte, .crit, "\(connection.name): job \(job.id) failed", at: at)
                    case .cancelled:
                        log(.airbyte, .warn, "\(connection.name): job \(job.id) cancelled", at: at)
                    case .pending where known[job.id] == nil:
                        log(.airbyte, .ok, "\(connection.name): job \(job.id) pending", at: at)
                    default:
                        break
                    }
                }
            }
        }
        airbyte.reading = reading
    }
}
