import EltopCore
import Foundation
import Logging

/// How `--record` writes.
public struct RecorderSettings: Sendable {
    public var path: String
    /// A file that reaches this size is closed and renamed `FILE.1` (the older ones moving to `.2`, …)
    /// and a new one started with its own header and keyframe, so each file replays on its own.
    public var maxFileBytes: Int
    /// Rotated files kept beside the current one; the oldest beyond this is deleted.
    public var keptFiles: Int
    /// A keyframe (the whole state) after at most this long, so seeking decodes at most this much.
    public var keyframeInterval: TimeInterval
    public var terminal: Size
    public var timeZone: TimeZone
    public var glyphs: String
    public var theme: String

    public init(
        path: String, maxFileBytes: Int = 256 << 20, keptFiles: Int = 4, keyframeInterval: TimeInterval = 300,
        terminal: Size, timeZone: TimeZone = .current, glyphs: String, theme: String
    ) {
        self.path = path
        self.maxFileBytes = maxFileBytes
        self.keptFiles = keptFiles
        self.keyframeInterval = keyframeInterval
        self.terminal = terminal
        self.timeZone = timeZone
        self.glyphs = glyphs
        self.theme = theme
    }
}

/// `--record FILE`: a runtime subscriber that appends every applied event to a recording, with a header
/// and a keyframe at the start of each file and a keyframe every `keyframeInterval` (see RecordLine).
///
/// Each line is handed to the kernel with write(2) as it is made — nothing waits in eltop's memory — so a
/// crash of eltop loses no applied event. A failure to write (unwritable path, full disk) stops the
/// recording, is told once in the timeline and the log, and the dashboard goes on without it.
@MainActor
public final class FlightRecorder: RuntimeSubscriber {
    private let settings: RecorderSettings
    private let encoder = JSONEncoder()
    private let log = Logger(label: "eltop.recorder")
    private var file: RecordingFileWriter?
    private var lineNumber = 0
    private var segment = 0
    private var lastKeyframeAt = Date.distantPast
    private var config: ConfigShape?
    private var memory = ReadingMemory()
    /// Set after the first failure: nothing more is tried, nothing more is said.
    public private(set) var failure: String?

    public init(settings: RecorderSettings) {
        self.settings = settings
    }

    public func runtimeDidStart(_ runtime: Runtime) {
        config = ConfigShape(state: runtime.state)
        startFile(runtime, at: runtime.clock.now(), rotateExisting: true)
    }

    public func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        guard failure == nil, file != nil else { return }
        let now = runtime.clock.now()
        write(memory.entry(for: event), at: now, runtime)
        if changed, now.timeIntervalSince(lastKeyframeAt) >= settings.keyframeInterval {
            writeKeyframe(runtime.state, at: now, runtime)
        }
        if let file, file.bytesWritten >= settings.maxFileBytes, failure == nil {
            file.close()
            self.file = nil
            startFile(runtime, at: now, rotateExisting: true)
        }
    }

    public func runtimeWillStop(_ runtime: Runtime) {
        file?.close()
        file = nil
    }

    private func startFile(_ runtime: Runtime, at now: Date, rotateExisting: Bool) {
        do {
            if rotateExisting { try RecordingRotation.shift(settings.path, keeping: settings.keptFiles) }
            file = try RecordingFileWriter(path: settings.path)
        } catch {
            return fail("\(error)", runtime)
        }
        segment += 1
        lineNumber = 0
        let header = RecordingHeader(
            startedAt: now, timeZone: settings.timeZone, terminal: settings.terminal, glyphs: settings.glyphs,
            theme: settings.theme, config: config ?? ConfigShape(state: runtime.state), segment: segment)
        write(.header(header), at: now, runtime)
        writeKeyframe(runtime.state, at: now, runtime)
    }

    private func writeKeyframe(_ state: DashboardState, at now: Date, _ runtime: Runtime) {
        write(.keyframe(state), at: now, runtime)
        memory.forget()
        lastKeyframeAt = now
    }

    private func write(_ entry: RecordEntry, at time: Date, _ runtime: Runtime) {
        guard failure == nil, let file else { return }
        do {
            try file.append(try RecordLine.encode(entry, at: time, number: lineNumber, encoder: encoder))
            lineNumber += 1
        } catch {
            fail("\(error)", runtime)
        }
    }

    /// Says it once — in the log and, through an event, on the timeline — and stops recording.
    private func fail(_ message: String, _ runtime: Runtime) {
        guard failure == nil else { return }
        failure = message
        file?.close()
        file = nil
        log.error("recording stopped", metadata: ["path": "\(settings.path)", "error": "\(message)"])
        runtime.sendLater(.recorderFailed(path: settings.path, message: message, at: runtime.clock.now()))
    }
}
