import EltopApp
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation

// eltop-recording-bench: how long `eltop replay` and `check --replay` take to seek in a day's recording.
// Writes a 24-hour recording through the real FlightRecorder (a clock that jumps instead of waiting:
// source and dbt polled every 5 s, Airbyte every 10 s, the warehouse every 30 s, a tick every second,
// a keyframe every 5 minutes), then opens it and seeks to random moments. Figures are printed, never asserted.
// Usage: eltop-recording-bench [DIR] [HOURS]

let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : NSTemporaryDirectory()
let hours = arguments.count > 2 ? Double(arguments[2]) ?? 24 : 24
let path = URL(fileURLWithPath: directory).appendingPathComponent("eltop-bench-\(getpid()).jsonl").path
defer { try? FileManager.default.removeItem(atPath: path) }

func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

@MainActor
func writeRecording() -> Int {
    let clock = ManualClock(now: StateFixtures.now)
    var initial = StateFixtures.ok(slots: 4, connections: 6, tables: 60, nodes: 300, events: 100)
    initial.now = clock.now()
    let runtime = Runtime(state: initial, feeds: FeedCatalog(pollers: []), clock: clock)
    let recorder = FlightRecorder(settings: RecorderSettings(path: path, terminal: Size(cols: 200, rows: 60), glyphs: "unicode", theme: "default"))
    runtime.subscribe(recorder)
    recorder.runtimeDidStart(runtime)
    var events = 0
    for second in 1...Int(hours * 3600) {
        clock.advance(by: 1)
        let now = clock.now()
        runtime.send(.clockTicked(now))
        events += 1
        if second % 5 == 0 {
            runtime.send(.pollSucceeded(.source(StateFixtures.sourceReading(slots: 4, lagBase: Int64(1_000_000 + (second % 3600) * 300))), at: now))
            runtime.send(.pollSucceeded(.dbt(StateFixtures.dbtReading(nodes: 300)), at: now))
            events += 2
        }
        if second % 10 == 0 {
            runtime.send(.pollSucceeded(.airbyte(StateFixtures.airbyteReading(connections: 6)), at: now))
            events += 1
        }
        if second % 30 == 0 {
            runtime.send(.pollSucceeded(.warehouse(StateFixtures.warehouseReading(tables: 60)), at: now))
            events += 1
        }
        if second % 900 == 0 {
            runtime.send(.pollFailed(.warehouse, message: "no answer within 10s", at: now, nextAttemptAt: now.addingTimeInterval(20)))
            events += 1
        }
    }
    recorder.runtimeWillStop(runtime)
    if let failure = recorder.failure { fatalError("recording failed: \(failure)") }
    return events
}

let writeStart = DispatchTime.now().uptimeNanoseconds
let events = await writeRecording()
let writeSeconds = seconds(since: writeStart)
let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

let openStart = DispatchTime.now().uptimeNanoseconds
let recording = try Recording(path: path)
let openSeconds = seconds(since: openStart)
let span = recording.span
var generator = SystemRandomNumberGenerator()
var seeks: [Double] = []
for _ in 0..<30 {
    let at = span.lowerBound.addingTimeInterval(Double.random(in: 0...span.upperBound.timeIntervalSince(span.lowerBound), using: &generator))
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try recording.state(at: at)
    seeks.append(seconds(since: start))
}
seeks.sort()
// A fresh open plus one seek: what `check --replay FILE --at TIME` pays.
let coldStart = DispatchTime.now().uptimeNanoseconds
_ = try Recording(path: path).state(at: span.upperBound.addingTimeInterval(-1))
let coldSeconds = seconds(since: coldStart)

/// What recording adds per event on an idle dashboard: the same stream of polls (an unchanged source
/// reading every 2 s) and ticks, applied by a runtime with and without the recorder.
@MainActor
func idleEventCost(recording: Bool) -> Double {
    let clock = ManualClock(now: StateFixtures.now)
    var initial = StateFixtures.ok(slots: 1, connections: 0, tables: 0, nodes: 0)
    initial.now = clock.now()
    let runtime = Runtime(state: initial, feeds: FeedCatalog(pollers: []), clock: clock)
    let idlePath = path + ".idle"
    defer { try? FileManager.default.removeItem(atPath: idlePath) }
    let recorder = FlightRecorder(settings: RecorderSettings(path: idlePath, terminal: Size(cols: 120, rows: 40), glyphs: "unicode", theme: "default"))
    if recording {
        runtime.subscribe(recorder)
        recorder.runtimeDidStart(runtime)
    }
    let reading = StateFixtures.sourceReading(slots: 1, lagBase: 0)
    let count = 20_000
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<count {
        clock.advance(by: 1)
        runtime.send(i % 2 == 0 ? .pollSucceeded(.source(reading), at: clock.now()) : .clockTicked(clock.now()))
    }
    let perEvent = seconds(since: start) / Double(count)
    recorder.runtimeWillStop(runtime)
    return perEvent
}
let withoutRecorder = await idleEventCost(recording: false)
let withRecorder = await idleEventCost(recording: true)

print("recording: \(hours) h, \(events) events, \(bytes / 1_048_576) MiB, written in \(String(format: "%.1f", writeSeconds)) s")
print("open (index \(recording.lineCount) lines): \(String(format: "%.0f", openSeconds * 1000)) ms")
print("seek to a random time (30): median \(String(format: "%.0f", seeks[15] * 1000)) ms, max \(String(format: "%.0f", seeks.last! * 1000)) ms")
print("open + seek near the end: \(String(format: "%.0f", coldSeconds * 1000)) ms")
print("idle event (an unchanged poll or a tick): \(String(format: "%.1f", withoutRecorder * 1e6)) µs applied, \(String(format: "%.1f", withRecorder * 1e6)) µs applied and recorded")
BenchSummary.add("recording: seek to a random time in a day, median", unit: "ms", eltop: seeks[15] * 1000)
BenchSummary.add("recording: idle event applied and recorded", unit: "µs", eltop: withRecorder * 1e6, peer: "without the recorder", peerValue: withoutRecorder * 1e6)
