import EltopReplication
import Foundation
import Synchronization

/// A test double of the replication seam: each sync follows the next script (progress, pauses, a
/// failure, or waiting to be cancelled), so the job lifecycle can be driven step by step.
final class ScriptedEngine: SyncEngine {
    enum Step: Sendable {
        case progress([StreamProgress])
        case pause(Duration)
        /// Waits until the attempt's task is cancelled.
        case waitForCancel
        case fail(SyncFailure)
    }

    private struct State {
        var scripts: [[Step]] = []
        var syncs: [Int64] = []
        var resets = 0
        var cancellations = 0
    }

    private let state = Mutex(State())
    /// The script for a sync when no queued one is left.
    let defaultScript: [Step]

    init(defaultScript: [Step] = [.progress([StreamProgress(namespace: "public", name: "actor", recordsEmitted: 200, bytesEmitted: 9_000, recordsCommitted: 200, bytesCommitted: 9_000)])]) {
        self.defaultScript = defaultScript
    }

    /// Queues scripts for the next syncs, in order.
    func queue(_ scripts: [Step]...) { state.withLock { $0.scripts.append(contentsOf: scripts) } }

    /// Sync ids (job ids) of every sync started, in order.
    var syncs: [Int64] { state.withLock { $0.syncs } }
    var resets: Int { state.withLock { $0.resets } }
    var cancellations: Int { state.withLock { $0.cancellations } }

    func runSync(connection: SyncConnection, syncId: Int64, progress: @escaping @Sendable (SyncProgress) -> Void) async throws -> SyncOutcome {
        let script = state.withLock { s -> [Step] in
            s.syncs.append(syncId)
            return s.scripts.isEmpty ? defaultScript : s.scripts.removeFirst()
        }
        var last = SyncProgress(streams: [])
        do {
            for step in script {
                switch step {
                case .progress(let streams):
                    last = SyncProgress(streams: streams)
                    progress(last)
                case .pause(let duration):
                    try await Task.sleep(for: duration)
                case .waitForCancel:
                    while true { try await Task.sleep(for: .seconds(60)) }
                case .fail(let failure):
                    throw failure
                }
            }
        } catch is CancellationError {
            state.withLock { $0.cancellations += 1 }
            throw CancellationError()
        }
        return SyncOutcome(syncId: syncId, progress: last, snapshottedTables: [], startLSN: "0/0", savedLSN: "0/0")
    }

    func reset(connection: SyncConnection) async throws {
        state.withLock { $0.resets += 1 }
    }
}

extension StreamProgress {
    static func stream(_ name: String, emitted: Int64, committed: Int64) -> StreamProgress {
        StreamProgress(namespace: "public", name: name, recordsEmitted: emitted, bytesEmitted: emitted * 50, recordsCommitted: committed, bytesCommitted: committed * 50)
    }
}
