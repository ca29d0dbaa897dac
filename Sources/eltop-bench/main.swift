import EltopCore
import EltopMetrics
import EltopPollers
import EltopReplication
import EltopSnowflake
import EltopTestSupport
import EltopUI
import Foundation

// eltop-bench: in-process figures for the renderer and the reducer. Not part of `make test`: numbers
// are reported, never asserted. Terminal-level figures (first frame, idle bytes) come from
// bench/terminal.sh, which drives the real binary in tmux. Run both with `make bench`.
// `eltop-bench write-manifest PATH` writes the 5,000-model synthetic manifest for bench/manifest.sh and
// bench/scale.sh; `eltop-bench serve-airbyte N` serves a fake Airbyte with N connections for bench/scale.sh.

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "write-manifest" {
    try SyntheticDbtManifest.json(.large).write(to: URL(fileURLWithPath: CommandLine.arguments[2]))
    exit(0)
}
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "serve-airbyte", let connections = Int(CommandLine.arguments[2]) {
    BenchAirbyte.serve(connections: connections)
}

/// Nanoseconds this thread has spent on a CPU.
func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Runs `body` `iterations` times after a warm-up and returns seconds per call (median of 5 batches),
/// in the thread's CPU time, not wall time: the machine is shared with other builds, and time spent
/// waiting for a core is not the code's cost.
func measure(iterations: Int, _ body: () -> Void) -> Double {
    for _ in 0..<max(1, iterations / 10) { body() }
    var batches: [Double] = []
    for _ in 0..<5 {
        let start = threadCPUNanoseconds()
        for _ in 0..<iterations { body() }
        batches.append(Double(threadCPUNanoseconds() - start) / 1e9 / Double(iterations))
    }
    return batches.sorted()[2]
}

/// Resident set size in MiB, from /proc.
func residentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kib / 1024
}

let size = Size(cols: 200, rows: 60)
let busy = StateFixtures.busy()
var sink = 0

let renderSeconds = measure(iterations: 200) {
    sink &+= render(busy, size: size, theme: .builtIn).cells.count
}
let smallRenderSeconds = measure(iterations: 400) {
    sink &+= render(busy, size: Size(cols: 80, rows: 24), theme: .builtIn).cells.count
}
let frameA = render(busy, size: size, theme: .builtIn)
var ticked = busy
_ = reduce(&ticked, .clockTicked(busy.now.addingTimeInterval(1)))
let frameB = render(ticked, size: size, theme: .builtIn)
let diffSeconds = measure(iterations: 200) { sink &+= diff(from: frameA, to: frameB).count }
let changedCells = diff(from: frameA, to: frameB).reduce(0) { $0 + $1.cells.count }

// A mixed stream of what the store sees at run time: poll answers, clock ticks, keys.
let events: [Event] = (0..<1_000).map { i in
    switch i % 4 {
    case 0: return .pollSucceeded(.source(StateFixtures.sourceReading(slots: 40, lagBase: Int64(1_000_000 + i))), at: busy.now.addingTimeInterval(Double(i)))
    case 1: return .clockTicked(busy.now.addingTimeInterval(Double(i)))
    case 2: return .actionRequested(.scroll(.down))
    default: return .pollFailed(.airbyte, message: "HTTP 502", at: busy.now.addingTimeInterval(Double(i)), nextAttemptAt: nil)
    }
}
let reduceSeconds = measure(iterations: 5) {
    var state = busy
    for event in events { _ = reduce(&state, event) }
    sink &+= state.timeline.entries.count
}
let eventsPerSecond = Double(events.count) / reduceSeconds

// The scale the benchmark issue names: 1,000 warehouse tables, 5,000 dbt models, 50 slots, 100 connections.
let scale = StateFixtures.ok(slots: 50, connections: 100, tables: 1_000, nodes: 5_000, events: 500)
let scaleRenderSeconds = measure(iterations: 100) {
    sink &+= render(scale, size: size, theme: .builtIn).cells.count
}
let scaleFrameA = render(scale, size: size, theme: .builtIn)
var scaleTicked = scale
_ = reduce(&scaleTicked, .clockTicked(scale.now.addingTimeInterval(1)))
let scaleFrameB = render(scaleTicked, size: size, theme: .builtIn)
let scaleDiffSeconds = measure(iterations: 200) { sink &+= diff(from: scaleFrameA, to: scaleFrameB).count }

// A scrape: the exposition of the busy and the scale state (what /metrics does per request, besides the socket).
let scrapeSeconds = measure(iterations: 50) { sink &+= StateExposition.text(busy, version: "bench").utf8.count }
let scaleScrapeSeconds = measure(iterations: 20) { sink &+= StateExposition.text(scale, version: "bench").utf8.count }
let scaleScrapeBytes = StateExposition.text(scale, version: "bench").utf8.count

let residentBeforeDecoders = residentMiB()

// The snapshot's JSON text for the 5,000-model project's 18,833 dbt nodes: `jsonText()` (the nodes
// written by DbtNodesJSON) beside `JSONEncoder` writing the whole document, as it did before.
let manifestScale = StateFixtures.ok(nodes: 18_833)
let wholeEncoder = JSONEncoder()
wholeEncoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
let snapshotTextSeconds = measure(iterations: 3) { sink &+= ((try? SnapshotDocument(manifestScale).jsonText()) ?? "").utf8.count }
let snapshotEncoderSeconds = measure(iterations: 3) { sink &+= ((try? wholeEncoder.encode(SnapshotDocument(manifestScale))) ?? Data()).count }
let snapshotBytes = try SnapshotDocument(manifestScale).jsonText().utf8.count

// Decoder throughput: each decoder on a deterministic input of a few MB shaped like the real answer
// (DecoderInputs), decoded whole as the poller or the sync decodes it; MB/s of input.
let jobsList = DecoderInputs.airbyteJobsList(count: 12_000)
let jobInfo = DecoderInputs.airbyteJobInfo(attempts: 3, logLines: 6_000)
let statement = DecoderInputs.snowflakeStatement(rows: 20_000)
let runResults = DecoderInputs.dbtRunResults(models: 1_500)
let manifest = SyntheticDbtManifest.json(.large)
let pgoutput = try DecoderInputs.pgoutputPayloads(bytes: 4_000_000)
let pgoutputBytes = pgoutput.reduce(0) { $0 + $1.count }

/// Decodes everything once per call; the figure is MB of input per second.
@MainActor func megabytesPerSecond(_ bytes: Int, iterations: Int = 3, _ decode: () throws -> Int) rethrows -> Double {
    _ = try decode()
    var failure: Error?
    let seconds = measure(iterations: iterations) {
        do { sink &+= try decode() } catch { failure = error }
    }
    if let failure { fatalError("the decoder refused its bench input: \(failure)") }
    return Double(bytes) / seconds / 1e6
}

/// A decoder's figure: its input, eltop's MB/s, and python's json.loads on the same bytes (JSON answers only).
struct DecoderFigure {
    let name: String
    let input: Data?
    let bytes: Int
    let megabytesPerSecond: Double
}

let decoderFigures: [DecoderFigure] = [
    DecoderFigure(name: "Airbyte jobs list (public API)", input: jobsList, bytes: jobsList.count, megabytesPerSecond: try megabytesPerSecond(jobsList.count) { try AirbyteAnswerDecoding.jobsList(jobsList) }),
    DecoderFigure(name: "Airbyte job answer (config API)", input: jobInfo, bytes: jobInfo.count, megabytesPerSecond: try megabytesPerSecond(jobInfo.count) { try AirbyteAnswerDecoding.jobInfo(jobInfo) }),
    DecoderFigure(name: "Snowflake SQL API statement", input: statement, bytes: statement.count, megabytesPerSecond: try megabytesPerSecond(statement.count) { try SnowflakeResultSet.decodeStatementAnswer(statement).rows.count }),
    DecoderFigure(name: "dbt run_results.json", input: runResults, bytes: runResults.count, megabytesPerSecond: try megabytesPerSecond(runResults.count) { try DbtArtifactDecoding.runResults(runResults) }),
    DecoderFigure(name: "dbt manifest.json, one thread", input: manifest, bytes: manifest.count, megabytesPerSecond: try megabytesPerSecond(manifest.count, iterations: 1) { try DbtArtifactDecoding.manifestNodesOnOneThread(manifest) }),
    DecoderFigure(name: "pgoutput (decode + bind rows)", input: nil, bytes: pgoutputBytes, megabytesPerSecond: try megabytesPerSecond(pgoutputBytes) {
        var cache = RelationCache()
        var rows = 0
        for payload in pgoutput {
            let message = try payload.withUnsafeBytes { try PgOutputDecoder.decode($0) }
            cache.observe(message)
            switch message {
            case .insert(let id, let new), .update(let id, _, let new), .delete(let id, let new):
                rows += try cache.relation(for: id, tuple: new).columns.count
            default: break
            }
        }
        return rows
    }),
]

print("eltop-bench  (\(ProcessInfo.processInfo.processorCount) cores, busy state: 40 slots, 30 connections, 400 tables, 2000 dbt nodes, 500 events; times are CPU time of the thread, median of 5 batches)")
print(String(format: "render 200x60 full frame      %8.3f ms", renderSeconds * 1e3))
print(String(format: "render 80x24 full frame       %8.3f ms", smallRenderSeconds * 1e3))
print(String(format: "diff 200x60 after a tick      %8.3f ms  (%d cells changed)", diffSeconds * 1e3, changedCells))
print(String(format: "reducer                       %8.0f events/s", eventsPerSecond))
print(String(format: "scale: render 200x60 frame    %8.3f ms  (50 slots, 100 connections, 1000 tables, 5000 dbt nodes; target 0.2 ms)", scaleRenderSeconds * 1e3))
print(String(format: "scale: diff after a tick      %8.3f ms  (target 0.05 ms)", scaleDiffSeconds * 1e3))
print(String(format: "metrics scrape, busy state     %8.3f ms", scrapeSeconds * 1e3))
print(String(format: "metrics scrape, scale state    %8.3f ms  (%d bytes; tables past 50 folded, nodes by status)", scaleScrapeSeconds * 1e3, scaleScrapeBytes))
print(String(format: "snapshot --json text, 18833 nodes %6.1f ms  (%.1f MB; JSONEncoder for the whole document: %.1f ms)", snapshotTextSeconds * 1e3, Double(snapshotBytes) / 1e6, snapshotEncoderSeconds * 1e3))
print("decoders (MB/s of input; the peer is python3 json.loads on the same bytes, CPU time, same run):")
for figure in decoderFigures {
    let python = figure.input.flatMap { PythonPeer.jsonLoadsMegabytesPerSecond($0) }
    let peerText = python.map { String(format: "python3 json.loads %7.1f MB/s  eltop/python %5.2fx", $0, figure.megabytesPerSecond / $0) }
        ?? "peer: pg_recvlogical, in eltop-replication-bench"
    print("decode " + figure.name.padding(toLength: 32, withPad: " ", startingAt: 0)
        + String(format: "%8.1f MB/s  (%.1f MB input)  ", figure.megabytesPerSecond, Double(figure.bytes) / 1e6) + peerText)
    BenchSummary.add("decode \(figure.name)", unit: "MB/s", eltop: figure.megabytesPerSecond, peer: python == nil ? "-" : "python3 json.loads", peerValue: python)
}
BenchSummary.add("render 200x60 frame, busy state", unit: "ms", eltop: renderSeconds * 1e3)
BenchSummary.add("scale: render 200x60 frame", unit: "ms", eltop: scaleRenderSeconds * 1e3, target: "<=0.2")
BenchSummary.add("scale: diff after a tick", unit: "ms", eltop: scaleDiffSeconds * 1e3, target: "<=0.05")
print(String(format: "resident memory               %8.1f MiB  (both states and frames held, before the snapshot and decoder inputs)", residentBeforeDecoders))
if sink == 42 { print("") }  // keeps the measured work from being optimised away
