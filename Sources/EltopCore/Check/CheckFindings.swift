import Foundation

/// What `eltop check` concludes from the state: the same thresholds, assessments and verdicts the
/// panes use, turned into Nagios findings. A feed that could not be read is UNKNOWN and says nothing
/// else: old figures are not evidence.
extension DashboardState {
    /// The findings for `feeds`, one OK line for an area with nothing to report.
    public func checkFindings(_ feeds: [Feed]) -> [CheckFinding] {
        feeds.flatMap { feed -> [CheckFinding] in
            if let unknown = unknownFinding(feed) { return [unknown] }
            let found: [CheckFinding]
            switch feed {
            case .source: found = sourceFindings
            case .airbyte: found = airbyteFindings
            case .warehouse: found = warehouseFindings
            case .dbt: found = dbtFindings
            }
            return found.isEmpty ? [CheckFinding(feed, .ok, okText(feed))] : found
        }
    }

    private func unknownFinding(_ feed: Feed) -> CheckFinding? {
        let health = health(feed)
        if !health.configured { return CheckFinding(feed, .unknown, "not configured: \(health.configureHint)") }
        if let error = health.lastError { return CheckFinding(feed, .unknown, "unreachable: \(error)") }
        if health.lastSuccessAt == nil { return CheckFinding(feed, .unknown, "no answer before the timeout") }
        return nil
    }

    private var sourceFindings: [CheckFinding] {
        var out: [CheckFinding] = []
        for slot in source.reading?.slots ?? [] {
            for concern in source.assessment(of: slot).concerns where concern.severity > .ok {
                out.append(CheckFinding(.source, CheckLevel(concern.severity), "slot \(slot.name) \(concern.text)"))
            }
        }
        for verdict in verdicts(.source) where verdict.severity > .ok {
            out.append(CheckFinding(.source, CheckLevel(verdict.severity), "slot \(verdict.subject) \(verdict.text)"))
        }
        return out
    }

    private var airbyteFindings: [CheckFinding] {
        var out: [CheckFinding] = []
        for connection in airbyte.reading?.connections ?? [] {
            if let interval = SyncScheduleText.intervalSeconds(connection.schedule), let last = connection.lastSuccessfulSyncAt,
                now.timeIntervalSince(last) > 2 * interval
            {
                out.append(CheckFinding(
                    .airbyte, .warning,
                    "\(connection.name): last successful sync \(DurationText.short(now.timeIntervalSince(last))) ago, scheduled \(connection.schedule ?? "")"))
            }
        }
        for verdict in verdicts(.airbyte) where verdict.severity > .ok {
            out.append(CheckFinding(.airbyte, CheckLevel(verdict.severity), "\(verdict.subject): \(verdict.text)"))
        }
        return out
    }

    /// A missing schema, then one line per drifting or stale pair, capped so a warehouse of
    /// hundreds of lagging tables stays a readable status line.
    private var warehouseFindings: [CheckFinding] {
        var out: [CheckFinding] = []
        if let missing = warehouse.reading?.missingSchemas, !missing.isEmpty {
            out.append(CheckFinding(.warehouse, .warning, "schema \(missing.joined(separator: ", ")) not found in the warehouse"))
        }
        let concerns = warehouse.pairConcerns(now: now)
        out += concerns.prefix(Self.warehouseFindingCap).map { CheckFinding(.warehouse, .warning, $0.text) }
        if concerns.count > Self.warehouseFindingCap {
            out.append(CheckFinding(.warehouse, .warning, "and \(concerns.count - Self.warehouseFindingCap) more table(s) drifting or stale"))
        }
        return out
    }

    static let warehouseFindingCap = 5

    private var dbtFindings: [CheckFinding] {
        if case .failedToStart(let why)? = dbt.invocation?.outcome { return [CheckFinding(.dbt, .critical, "could not start dbt: \(why)")] }
        let nodes = dbt.displayNodes
        let failed = nodes.filter(\.failed)
        var out: [CheckFinding] = []
        if !failed.isEmpty {
            out.append(CheckFinding(.dbt, .critical, "\(Self.count(failed)) failed: " + failed.prefix(5).map(\.name).joined(separator: ", ")))
        }
        let warned = nodes.filter { $0.status == .warn }
        if !warned.isEmpty {
            out.append(CheckFinding(.dbt, .warning, "\(Self.count(warned)) warned: " + warned.prefix(5).map(\.name).joined(separator: ", ")))
        }
        return out
    }

    /// "1 model", "2 tests", "3 nodes" (mixed kinds).
    private static func count(_ nodes: [DbtNode]) -> String {
        let kinds = Set(nodes.map(\.resourceType))
        let kind = kinds.count == 1 ? kinds.first! : "node"
        return "\(nodes.count) \(kind)\(nodes.count == 1 ? "" : "s")"
    }

    private func okText(_ feed: Feed) -> String {
        switch feed {
        case .source: return "\(source.reading?.slots.count ?? 0) slot(s) ok"
        case .airbyte: return "\(airbyte.reading?.connections.count ?? 0) connection(s) ok"
        case .warehouse: return "\(warehouse.reading?.tables.count ?? 0) table(s) ok"
        case .dbt: return "\(dbt.displayNodes.count) node(s) ok"
        }
    }

    /// Performance data: each slot's lag, retained and safe WAL (bytes) and inactive time, each
    /// connection's failed jobs in a row, the largest raw/staging drift, the failed dbt nodes; with the same warn/crit thresholds.
    public func checkPerfData(_ feeds: [Feed]) -> [PerfDatum] {
        var out: [PerfDatum] = []
        let t = source.thresholds
        if feeds.contains(.source) {
            for slot in source.reading?.slots ?? [] {
                let a = source.assessment(of: slot)
                if let v = slot.lagBytes { out.append(PerfDatum("\(slot.name)_lag", Double(v), unit: "B", warn: Double(t.lagWarnBytes), crit: Double(t.lagCritBytes))) }
                if let v = slot.retainedBytes {
                    out.append(PerfDatum("\(slot.name)_retained", Double(v), unit: "B", warn: Double(t.retainedWarnBytes), crit: Double(t.retainedCritBytes)))
                }
                if let v = slot.safeWalSizeBytes { out.append(PerfDatum("\(slot.name)_safe_wal", Double(v), unit: "B")) }
                if let v = a.inactiveSeconds { out.append(PerfDatum("\(slot.name)_inactive", v.rounded(), unit: "s", warn: t.inactiveWarnSeconds, crit: t.inactiveCritSeconds)) }
            }
        }
        if feeds.contains(.airbyte) {
            for connection in airbyte.reading?.connections ?? [] {
                let failed = connection.jobs.filter { !$0.status.isActive }.prefix { $0.status == .failed }.count
                out.append(PerfDatum("\(connection.name)_failed_jobs", Double(failed), crit: Double(verdictMemory.thresholds.failingAfterJobs)))
            }
        }
        if feeds.contains(.warehouse), let worst = warehouse.pairs.compactMap(\.drift).map({ Swift.abs($0) }).max() {
            let warn = warehouse.thresholds.driftWarnRows
            out.append(PerfDatum("drift_rows", Double(worst), warn: warn > 0 ? Double(warn) : nil))
        }
        if feeds.contains(.dbt), dbt.health.lastSuccessAt != nil {
            out.append(PerfDatum("dbt_failed", Double(dbt.displayNodes.filter(\.failed).count), crit: 1))
        }
        return out
    }
}
