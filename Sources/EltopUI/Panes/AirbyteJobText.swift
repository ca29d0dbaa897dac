import EltopCore
import Foundation

/// The words and figures of an Airbyte job, shared by the pane's live lines and its detail view.
enum AirbyteJobText {
    static let historyShown = 10

    struct Line {
        let text: String
        let role: Role
    }

    /// Lines under the connection table: the running job, then its streams.
    static func liveLines(_ job: AirbyteJob, context: RenderContext) -> [Line] {
        var first = "job \(job.id) \(job.status.rawValue)"
        // Old data: the job was running when last read, which is all eltop knows now.
        if let readAt = context.readAt { first += " at \(context.clock(readAt))" }
        if let attempt = job.attempt { first += " #\(attempt)" }
        let pace = context.state.pace(of: job)
        // On the first line, before the elapsed time, which a short or narrow pane still shows; the
        // sentence follows the counts.
        if let label = pace?.label { first += " · " + label }
        if let started = job.startedAt { first += " · \(context.age(started))" }
        let progress = job.progress
        let records = progress?.recordsEmitted ?? progress?.recordsCommitted
        // Records, rate and flush age first: in a narrow pane the bytes at the end are what gets cut.
        var second = "\(NumberText.count(progress?.recordsEmitted))/\(NumberText.count(progress?.recordsCommitted)) rec"
        // A rate and a stats age are live figures: old data has neither, only its counts.
        if records != nil, context.readAt == nil {
            if let rate = context.state.airbyte.recordsPerSecond(job: job.id) { second += " · \(rateText(rate))" }
            if let changed = context.state.airbyte.statsChangedAt[job.id] { second += " · stats \(context.age(changed))" }
        }
        second += " · \(NumberText.bytes(progress?.bytesEmitted ?? progress?.bytesCommitted))"
        var lines = [Line(text: first, role: pace?.severity == .warn ? .warn : .accent), Line(text: second, role: .text)]
        if let pace, let text = pace.text {
            lines.append(Line(text: text, role: pace.severity == .ok ? .muted : .warn))
        }
        for stream in progress?.streams ?? [] {
            lines.append(
                Line(
                    text: "  \(stream.name) \(NumberText.count(stream.recordsEmitted))/\(NumberText.count(stream.recordsCommitted)) rec",
                    role: .muted))
        }
        return lines
    }

    /// The running job's block in the detail view.
    static func runningDetail(_ job: AirbyteJob, hasConfigAPI: Bool, context: RenderContext) -> [DetailLine] {
        let state = context.state.airbyte
        let progress = job.progress
        var lines = [
            DetailLine("running job", "\(job.id) · \(job.status.rawValue) · \(job.jobType)", .accent),
            DetailLine("attempt", job.attempt.map(String.init) ?? "—"),
            DetailLine("elapsed", job.startedAt.map { context.age($0) } ?? "—"),
            DetailLine("records", "emitted \(NumberText.count(progress?.recordsEmitted)) · committed \(NumberText.count(progress?.recordsCommitted))"),
            DetailLine("bytes", "emitted \(NumberText.bytes(progress?.bytesEmitted)) · committed \(NumberText.bytes(progress?.bytesCommitted))"),
            DetailLine("rate", state.recordsPerSecond(job: job.id).map(rateText) ?? "— (needs two polls)"),
            DetailLine("stats moved", state.statsChangedAt[job.id].map { "\(context.age($0)) ago (Airbyte flushes about every 10s)" } ?? "—"),
        ]
        if !hasConfigAPI {
            lines.append(DetailLine("note", "no config API (Cloud): committed rows/bytes only, no streams", .muted))
        }
        for stream in progress?.streams ?? [] {
            let name = stream.namespace.map { "\($0).\(stream.name)" } ?? stream.name
            lines.append(
                DetailLine(
                    "  " + name,
                    "rec \(NumberText.count(stream.recordsEmitted))/\(NumberText.count(stream.recordsCommitted)) · \(NumberText.bytes(stream.bytesEmitted))/\(NumberText.bytes(stream.bytesCommitted))"
                ))
        }
        return lines
    }

    /// "succeeded · 14:03:07 · 4m12s · 12.3k · 3.1 MiB".
    static func historyText(_ job: AirbyteJob, context: RenderContext) -> String {
        let start = job.startedAt.map { "\(context.clock($0)) (\(context.age($0)) ago)" } ?? "—"
        let duration = job.durationSeconds.map(DurationText.short) ?? (job.status.isActive ? "running" : "—")
        return "\(job.status.rawValue) · \(start) · \(duration) · \(NumberText.count(job.rowsSynced)) · \(NumberText.bytes(job.bytesSynced))"
    }

    static func rateText(_ perSecond: Double) -> String {
        perSecond >= 100 ? "\(NumberText.count(Int64(perSecond.rounded())))/s" : String(format: "%.1f/s", perSecond)
    }
}
