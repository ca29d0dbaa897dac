import Foundation

/// dbt readings and the dbt keys: tell the timeline when a node's last result becomes a failure; ask
/// before starting, re-running or cancelling dbt.
extension DashboardState {
    mutating func applyDbt(_ reading: DbtReading, at: Date) {
        let before = Dictionary(
            (dbt.reading?.nodes ?? []).map { ($0.uniqueId, $0.status) }, uniquingKeysWith: { first, _ in first })
        for node in reading.nodes where node.failed && before[node.uniqueId] != node.status {
            log(.dbt, .crit, "\(node.resourceType) \(node.name) \(node.status?.rawValue ?? "failed")", at: at)
        }
        dbt.reading = reading
        dbt.shape = DbtRunShape(nodes: reading.nodes)
    }

    mutating func applyDbtAction(_ action: Action) -> [Effect] {
        switch action {
        case .runDbt:
            guard readyToStartDbt("run dbt") else { return [] }
            requestConfirmation(
                ConfirmPrompt(question: "Run `\(dbt.commandLine)` now?", effect: .runDbt(.build), actionName: "run dbt"))
        case .retryDbt:
            guard readyToStartDbt("re-run failed dbt nodes") else { return [] }
            requestConfirmation(
                ConfirmPrompt(
                    question: "Re-run what failed in the last dbt run (`dbt retry`)?", effect: .runDbt(.retry),
                    actionName: "re-run failed dbt nodes"))
        case .cancelDbt:
            guard dbt.running else {
                ui.notice = "no dbt run to cancel"
                return []
            }
            requestConfirmation(
                ConfirmPrompt(question: "Cancel the running `\(dbt.invocation?.commandLine ?? "dbt")`?", effect: .cancelDbt, actionName: "cancel dbt"))
        case .toggleDbtLog:
            dbt.logVisible.toggle()
        default:
            break
        }
        return []
    }

    /// One dbt run at a time, and only for a configured project.
    private mutating func readyToStartDbt(_ actionName: String) -> Bool {
        if !dbt.health.configured {
            ui.notice = "\(actionName): dbt is not configured (\(dbt.health.configureHint))"
            return false
        }
        if dbt.running {
            ui.notice = "dbt is already running (x cancels it)"
            return false
        }
        return true
    }
}
