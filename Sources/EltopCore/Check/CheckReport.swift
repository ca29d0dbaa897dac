import Foundation

/// The result of `eltop check`: the plugin state, its one summary line with performance data, and
/// the details after it. `--json` prints the same as a document (docs/commands.md).
public struct CheckReport: Codable, Equatable, Sendable {
    /// The worst finding; OK when there is none.
    public var level: CheckLevel
    public var findings: [CheckFinding]
    public var perfdata: [PerfDatum]
    /// The verdicts of the areas checked, as the panes show them.
    public var verdicts: [Verdict]
    /// How the check measured (e.g. how long WAL growth was sampled), said rather than hidden.
    public var notes: [String]

    /// The findings and figures of `state` for `feeds`.
    public init(_ state: DashboardState, feeds: [Feed], notes: [String] = []) {
        findings = state.checkFindings(feeds)
        perfdata = state.checkPerfData(feeds)
        verdicts = state.verdicts.filter { feeds.contains($0.feed) }
        level = findings.map(\.level).max() ?? .ok
        self.notes = notes
    }

    public var exitStatus: Int32 { level.exitStatus }

    /// `ELTOP CRITICAL - slot airbyte_slot wal_status lost; dbt: 1 model failed | airbyte_slot_lag=…B;…`
    public var summaryLine: String {
        let worst = findings.filter { $0.level == level && level != .ok }
        var what = worst.prefix(3).map { "\($0.feed.rawValue): \($0.text)" }.joined(separator: "; ")
        if worst.count > 3 { what += "; and \(worst.count - 3) more" }
        if what.isEmpty { what = findings.map { "\($0.feed.rawValue) ok" }.joined(separator: ", ") }
        let perf = perfdata.map(\.text).joined(separator: " ")
        return "ELTOP \(level.rawValue) - " + Self.oneLine(what) + (perf.isEmpty ? "" : " | " + perf)
    }

    /// The summary line, then one line per finding, worst first, then the notes.
    public var text: String {
        let ordered = findings.enumerated().sorted { ($0.element.level, $1.offset) > ($1.element.level, $0.offset) }.map(\.element)
        let details = ordered.map { "[\($0.level.rawValue)] \($0.feed.rawValue): " + Self.oneLine($0.text) }
        return ([summaryLine] + details + notes.map { "note: " + $0 }).joined(separator: "\n")
    }

    /// The document `--json` prints: `status`, `exit_code`, `summary`, `findings`, `perfdata`, `verdicts`, `notes`.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONForm(self)), as: UTF8.self)
    }

    /// A message from a server can hold newlines or a `|`, which would end the summary or start the
    /// performance data early.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "/")
    }

    private struct JSONForm: Encodable {
        let report: CheckReport
        init(_ report: CheckReport) { self.report = report }

        enum Keys: String, CodingKey { case status, exit_code, summary, findings, perfdata, verdicts, notes }
        enum FindingKeys: String, CodingKey { case area, level, text }
        enum PerfKeys: String, CodingKey { case label, value, unit, warn, crit }
        enum VerdictKeys: String, CodingKey { case kind, area, subject, severity, text }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(report.level.rawValue, forKey: .status)
            try c.encode(report.exitStatus, forKey: .exit_code)
            try c.encode(report.summaryLine, forKey: .summary)
            var findings = c.nestedUnkeyedContainer(forKey: .findings)
            for f in report.findings {
                var item = findings.nestedContainer(keyedBy: FindingKeys.self)
                try item.encode(f.feed.rawValue, forKey: .area)
                try item.encode(f.level.rawValue, forKey: .level)
                try item.encode(f.text, forKey: .text)
            }
            var perf = c.nestedUnkeyedContainer(forKey: .perfdata)
            for p in report.perfdata {
                var item = perf.nestedContainer(keyedBy: PerfKeys.self)
                try item.encode(p.label, forKey: .label)
                try item.encode(p.value, forKey: .value)
                try item.encode(p.unit, forKey: .unit)
                try item.encode(p.warn, forKey: .warn)
                try item.encode(p.crit, forKey: .crit)
            }
            var verdicts = c.nestedUnkeyedContainer(forKey: .verdicts)
            for v in report.verdicts {
                var item = verdicts.nestedContainer(keyedBy: VerdictKeys.self)
                try item.encode(v.kind.rawValue, forKey: .kind)
                try item.encode(v.feed.rawValue, forKey: .area)
                try item.encode(v.subject, forKey: .subject)
                try item.encode(v.severity.rawValue, forKey: .severity)
                try item.encode(v.text, forKey: .text)
            }
            try c.encode(report.notes, forKey: .notes)
        }
    }
}
