import EltopCore
import Synchronization

/// What the state does not keep about polls because no pane needs it: every failure ever counted (a
/// Prometheus counter must only grow) and how long the last poll of each feed took.
///
/// Written from the poll runners' tasks and the runtime's actor, read by the HTTP server's tasks: one
/// lock, held for a dictionary update.
public final class PollStatistics: Sendable {
    public struct Figures: Equatable, Sendable {
        public var errorsTotal: Int = 0
        public var lastDurationSeconds: Double?
    }

    private let figures = Mutex<[Feed: Figures]>([:])

    public init() {}

    /// A poll of `feed` ended after `seconds`, successfully or not.
    public func recordPoll(_ feed: Feed, seconds: Double, failed: Bool) {
        figures.withLock { all in
            all[feed, default: Figures()].lastDurationSeconds = seconds
            if failed { all[feed, default: Figures()].errorsTotal += 1 }
        }
    }

    public func figures(_ feed: Feed) -> Figures {
        figures.withLock { $0[feed] ?? Figures() }
    }
}
