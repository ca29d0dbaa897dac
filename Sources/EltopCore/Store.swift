import Foundation

/// Owns the one `DashboardState`, applies events through `reduce`, and publishes a version number
/// that bumps only when the state really changed, so the UI redraws only then.
public actor Store {
    public private(set) var state: DashboardState
    public private(set) var version: UInt64 = 0
    private var watchers: [UUID: AsyncStream<UInt64>.Continuation] = [:]

    public init(_ state: DashboardState) {
        self.state = state
    }

    /// Applies an event; returns the effects the runtime must carry out.
    @discardableResult
    public func send(_ event: Event) -> [Effect] {
        var next = state
        let effects = reduce(&next, event)
        if next != state {
            state = next
            version &+= 1
            for watcher in watchers.values { watcher.yield(version) }
        }
        return effects
    }

    /// The versions to come. Only the newest is buffered: a slow reader skips versions, never lags.
    public func versions() -> AsyncStream<UInt64> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<UInt64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stopWatching(id) }
        }
        watchers[id] = continuation
        return stream
    }

    private func stopWatching(_ id: UUID) {
        watchers[id] = nil
    }
}
