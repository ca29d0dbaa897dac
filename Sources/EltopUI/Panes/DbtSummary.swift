import EltopCore
import Foundation

/// The dbt pane's summary lines: the run eltop started (if any), then counts per status with when the
/// last run ended and how long it took.
enum DbtSummary {
    struct Part {
        var text: String
        var role: Role
    }

    static func lines(_ context: RenderContext) -> [[Part]] {
        let dbt = context.state.dbt
        var lines: [[Part]] = []
        if let run = runLine(context) { lines.append(run) }
        if dbt.logVisible {
            lines.append([Part(text: "log of the last run (l: back to nodes)", role: .muted)])
            return lines
        }
        var counts = [Part]()
        let tally = dbt.displayDigest.counts
        // Problems first, then the rest in a fixed order so the line does not jump between frames.
        for status in tally.keys.sorted(by: { ($0.listOrder, $0.rawValue) < ($1.listOrder, $1.rawValue) }) {
            counts.append(Part(text: "\(tally[status] ?? 0) \(status.rawValue)", role: DbtPane.role(for: status)))
        }
        // "Not run yet" only for nodes that exist; without any, the pane's one empty state is elsewhere.
        if counts.isEmpty && !dbt.displayNodes.isEmpty { counts.append(Part(text: "no results yet: t runs dbt", role: .muted)) }
        if let run = dbt.reading?.lastRun, !dbt.running {
            if let ended = run.endedAt { counts.append(Part(text: "ended \(context.clock(ended))", role: .muted)) }
            if let took = run.elapsedSeconds { counts.append(Part(text: "took \(NumberText.seconds(took))", role: .muted)) }
        }
        if !counts.isEmpty { lines.append(counts) }
        return lines
    }

    /// "▶ dbt build 5/8 12s", "cancelled dbt build after 12s", "could not start: …"; nil before the first run.
    private static func runLine(_ context: RenderContext) -> [Part]? {
        guard let run = context.state.dbt.invocation else { return nil }
        let now = context.state.now
        let elapsed = DurationText.short((run.endedAt ?? now).timeIntervalSince(run.startedAt))
        switch run.outcome {
        case .running:
            var parts = [Part(text: "\(context.glyphs.statusDot) \(run.commandLine)", role: .accent)]
            parts.append(Part(text: "\(run.finishedCount)/\(run.total.map(String.init) ?? "?")", role: .text))
            parts.append(Part(text: elapsed, role: .text))
            if run.cancelRequested { parts.append(Part(text: "cancelling", role: .warn)) }
            return parts
        case .cancelled:
            return [Part(text: "cancelled \(run.commandLine) after \(elapsed)", role: .warn)]
        case .exited(let code):
            return [Part(text: "\(run.commandLine) exited \(code) after \(elapsed)", role: code == 0 ? .ok : .crit)]
        case .failedToStart(let message):
            return [Part(text: "could not start dbt: \(message)", role: .crit)]
        case .killed(let signal):
            return [Part(text: "\(run.commandLine) killed by \(SignalName.describe(signal)) after \(elapsed)", role: .crit)]
        }
    }
}
