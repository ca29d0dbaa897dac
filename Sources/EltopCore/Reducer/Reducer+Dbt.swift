import Foundation

/// dbt readings: tell the timeline when a node's last result becomes a failure.
extension DashboardState {
    mutating func applyDbt(_ reading: DbtReading, at: Date) {
        let before = Dictionary(
            (dbt.reading?.nodes ?? []).map { ($0.uniqueId, $0.status) }, uniquingKeysWith: { first, _ in first })
        for node in reading.nodes where node.failed && before[node.uniqueId] != node.status {
            log(.dbt, .crit, "\(node.resourceType) \(node.name) \(node.status ?? "failed")", at: at)
        }
        dbt.reading = reading
    }
}
