import Foundation

/// Which of the four verdicts a `Verdict` is. The raw values are a documented interface
/// (`verdicts[].kind` in docs/snapshot.md, `eltop check --json`): add cases, never rename them.
public enum VerdictKind: String, Codable, Sendable, CaseIterable {
    case stalled, quiet
    case emptySuccess = "empty_success"
    case slotLoss = "slot_loss"
    case connectionTrouble = "connection_trouble"
}

/// One verdict as the panes, `snapshot --json`, `eltop check` and the metrics exporter show it: what it
/// is about, how bad, and one sentence. Computed from the state alone, so every reader agrees.
public struct Verdict: Codable, Equatable, Sendable {
    public var kind: VerdictKind
    /// The area it belongs to: `airbyte` for a job or connection, `source` for a slot.
    public var feed: Feed
    /// The connection's name or the slot's name.
    public var subject: String
    public var severity: Severity
    public var text: String

    public init(kind: VerdictKind, feed: Feed, subject: String, severity: Severity, text: String) {
        self.kind = kind
        self.feed = feed
        self.subject = subject
        self.severity = severity
        self.text = text
    }
}

extension DashboardState {
    /// Every verdict that says something now, worst first (a quiet job and a slot that outlives the
    /// next sync are included as ok: they explain a figure that would otherwise look alarming).
    public var verdicts: [Verdict] { Self.worstFirst(airbyteVerdicts + sourceVerdicts) }

    /// The verdicts of one area: only that area's rows are judged, since a pane's footer asks every frame.
    public func verdicts(_ feed: Feed) -> [Verdict] {
        switch feed {
        case .airbyte: return Self.worstFirst(airbyteVerdicts)
        case .source: return Self.worstFirst(sourceVerdicts)
        case .warehouse, .dbt: return []
        }
    }

    private var airbyteVerdicts: [Verdict] {
        var out: [Verdict] = []
        for connection in airbyte.reading?.connections ?? [] {
            if let job = connection.runningJob, let pace = pace(of: job), let text = pace.text {
                out.append(Verdict(kind: pace.severity == .ok ? .quiet : .stalled, feed: .airbyte, subject: connection.name, severity: pace.severity, text: "job \(job.id) " + text))
            }
            if let empty = emptySuccess(of: connection) {
                out.append(Verdict(kind: .emptySuccess, feed: .airbyte, subject: connection.name, severity: .warn, text: empty.text))
            }
            if let trouble = trouble(of: connection) {
                out.append(Verdict(kind: .connectionTrouble, feed: .airbyte, subject: connection.name, severity: trouble.severity, text: trouble.text))
            }
        }
        return out
    }

    private var sourceVerdicts: [Verdict] {
        var out: [Verdict] = []
        for slot in source.reading?.slots ?? [] {
            if let loss = slotLoss(of: slot) {
                out.append(Verdict(kind: .slotLoss, feed: .source, subject: slot.name, severity: loss.severity, text: loss.text))
            }
        }
        return out
    }

    /// Worst first; equal severities keep their order (connections, then slots).
    private static func worstFirst(_ verdicts: [Verdict]) -> [Verdict] {
        verdicts.enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }.map(\.element)
    }
}
