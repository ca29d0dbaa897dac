/// The most severe thing a pane's data says now, as one sentence an on-call engineer reads first:
/// "airbyte_slot: wal_status lost: the slot's WAL is gone; the connection needs a reset (Enter for why)".
///
/// The pane's footer gives way to it, in words that carry the severity ("CRIT", "WARN"), so a
/// monochrome terminal or `NO_COLOR` shows it as clearly as red does. Worked out from the state
/// alone, so `snapshot` or a recorder could name it too.
public struct PaneConcern: Equatable, Sendable {
    public var severity: Severity
    public var text: String
    /// Shorter forms of `text`, longest first: a narrow footer says the worst fact in whole words
    /// ("airbyte_slot: WAL lost: reset") rather than cutting the sentence mid-word.
    public var shorter: [String]

    public init(_ severity: Severity, _ text: String, shorter: [String] = []) {
        self.severity = severity
        self.text = text
        self.shorter = shorter
    }

    /// What "(Enter for why)" adds: the first thing a narrow footer drops.
    static let enterForWhy = " (Enter for why)"

    /// `text` and its shorter forms, longest first, without repeats: `text`, `text` without
    /// "(Enter for why)", then `shorter`.
    public var forms: [String] {
        var out = [text]
        if text.hasSuffix(Self.enterForWhy) { out.append(String(text.dropLast(Self.enterForWhy.count))) }
        for form in shorter where !out.contains(form) { out.append(form) }
        return out
    }

    /// `b` when it is more severe than `a`: on a tie the pane's own concern stays, it says more.
    static func worse(_ a: PaneConcern?, _ b: PaneConcern?) -> PaneConcern? {
        guard let b else { return a }
        guard let a else { return b }
        return b.severity > a.severity ? b : a
    }

    /// "CRIT" or "WARN": the severity as a word, since colour alone is not enough.
    public var label: String { severity == .crit ? "CRIT" : "WARN" }
}

extension DashboardState {
    /// The pane's most severe current concern (warn or crit); nil when its data gives none.
    public func worstConcern(_ pane: PaneID) -> PaneConcern? { worstConcern(pane, slotAssessments: { source.assessments }) }

    /// `worstConcern(pane)` with the slots' assessments (`source.assessments`) from `slotAssessments`.
    func worstConcern(_ pane: PaneID, slotAssessments: () -> [SlotAssessment]) -> PaneConcern? {
        let found: PaneConcern?
        switch pane {
        case .source: found = PaneConcern.worse(worstSourceConcern(slotAssessments()), verdictConcern(.source))
        case .airbyte: found = PaneConcern.worse(worstAirbyteConcern, verdictConcern(.airbyte))
        case .warehouse: found = warehouse.reading.flatMap { reading in
            reading.missingSchemas.isEmpty ? nil : PaneConcern(.warn, "schema \(reading.missingSchemas.joined(separator: ", ")) not found in the warehouse")
        } ?? warehouse.firstPairConcern(now: now).map { PaneConcern(.warn, $0.text, shorter: $0.shorter) }
        case .dbt: found = worstDbtConcern
        case .timeline: found = nil
        case .tracer: found = tracer.lastError.map { PaneConcern(.warn, "tracer: \($0)") }
        }
        return found.flatMap { $0.severity == .ok ? nil : $0 }
    }

    private func worstSourceConcern(_ assessments: [SlotAssessment]) -> PaneConcern? {
        var worst: PaneConcern?
        for (slot, assessment) in zip(source.reading?.slots ?? [], assessments) {
            let concerns = assessment.concerns
            guard let top = concerns.max(by: { $0.severity < $1.severity }), top.severity > (worst?.severity ?? .ok) else { continue }
            worst = PaneConcern(
                top.severity, "\(slot.name): \(top.text)\(PaneConcern.enterForWhy)", shorter: top.shorter.map { "\(slot.name): \($0)" })
        }
        if worst == nil, let grant = source.reading?.missingGrants.first { worst = PaneConcern(.warn, grant.text) }
        return worst
    }

    /// The worst verdict of an area that is not ok, as a pane's concern.
    private func verdictConcern(_ feed: Feed) -> PaneConcern? {
        verdicts(feed).first { $0.severity > .ok }.map { PaneConcern($0.severity, "\($0.subject): \($0.text)") }
    }

    private var worstAirbyteConcern: PaneConcern? {
        for connection in airbyte.reading?.connections ?? [] {
            if let trouble = trouble(of: connection), trouble.repeated {
                return PaneConcern(.crit, "\(connection.name): \(trouble.text) (Enter for why)")
            }
            guard let job = connection.jobs.first(where: { !$0.status.isActive }), job.status == .failed else { continue }
            let fact = "\(connection.name): the last sync failed (job \(job.id))"
            let why = job.failures.first.map { ": " + $0.message } ?? ""
            return PaneConcern(.crit, "\(fact)\(why)\(PaneConcern.enterForWhy)", shorter: [fact, "\(connection.name): job \(job.id) failed", "\(connection.name) failed"])
        }
        return nil
    }

    private var worstDbtConcern: PaneConcern? {
        // A run that could not start is the dbt pane's first line already ("could not start dbt: …").
        let digest = dbt.displayDigest
        if let first = digest.firstFailed {
            let others = digest.failedCount > 1 ? " and \(digest.failedCount - 1) more" : ""
            return PaneConcern(.crit, "\(first.name) \(first.status?.rawValue ?? "failed")\(others) (Enter for why)")
        }
        if let warned = digest.firstWarned { return PaneConcern(.warn, "\(warned.name) warned (Enter for why)") }
        return nil
    }
}
