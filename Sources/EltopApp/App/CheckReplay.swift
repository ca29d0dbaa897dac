import EltopConfig
import EltopCore
import Foundation

/// `eltop check --replay FILE --at TIME`: the check's findings on the state a flight recording had at
/// TIME, for the post-mortem question "what would the check have said at 03:12?". Nothing is polled.
extension CheckCommand {
    /// `--replay`, `--at` and `--recorded-thresholds`.
    public struct ReplayArguments: Sendable {
        public var path: String
        /// nil: the end of the recording.
        public var at: String?
        /// Judge with the thresholds the recorded dashboard had, instead of the current config's.
        public var recordedThresholds: Bool

        public init(path: String, at: String?, recordedThresholds: Bool) {
            self.path = path
            self.at = at
            self.recordedThresholds = recordedThresholds
        }
    }

    /// The text to print and the exit status. An unreadable recording, or a TIME outside its span (the
    /// error names the span), is UNKNOWN as any check that cannot judge.
    @MainActor
    public static func replay(
        options: AppOptions, _ arguments: Arguments, _ replay: ReplayArguments, json: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (text: String, status: Int32) {
        LoggingSetup.start(options: options, environment: environment)
        return replayOutput(options: options, arguments, replay, json: json)
    }

    /// What `replay` prints, once logging is set up.
    @MainActor
    static func replayOutput(options: AppOptions, _ arguments: Arguments, _ replay: ReplayArguments, json: Bool) -> (text: String, status: Int32) {
        let report: CheckReport
        do {
            report = try replayReport(options: options, arguments, replay)
        } catch {
            let line = "ELTOP UNKNOWN - " + "\(error)".split(separator: "\n").joined(separator: "; ")
            return (line, CheckLevel.unknown.exitStatus)
        }
        return (json ? ((try? report.jsonText()) ?? report.text) : report.text, report.exitStatus)
    }

    static func replayReport(options: AppOptions, _ arguments: Arguments, _ replay: ReplayArguments) throws -> CheckReport {
        let recording: Recording
        do { recording = try Recording(path: replay.path) } catch { throw RecordingError("--replay \(replay.path): \(error)") }
        let zone = recording.header.zone
        let time = try replay.at.map { try RecordingClock.parse($0, span: recording.span, zone: zone) } ?? recording.span.upperBound
        var state = try recording.state(at: time).state
        var notes = ["replayed from \(replay.path) at \(RecordingClock.iso(time, zone: zone)) (the recording spans \(RecordingClock.describe(recording.span, zone: zone)))"]
        if replay.recordedThresholds {
            notes.append("thresholds: the recorded dashboard's")
        } else {
            let config: Config
            do { config = try loadConfig(options: options) } catch { throw RecordingError("bad config (or give --recorded-thresholds): \(error)") }
            let current = makeInitialState(now: time, options: options, config: config)
            state.source.thresholds = current.source.thresholds
            state.verdictMemory.thresholds = current.verdictMemory.thresholds
            state.warehouse.thresholds = current.warehouse.thresholds
            notes.append("thresholds: the current config's (--recorded-thresholds uses the recording's)")
        }
        return CheckReport(state, feeds: arguments.areas, notes: notes)
    }
}
