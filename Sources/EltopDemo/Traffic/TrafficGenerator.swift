import EltopPostgres
import Foundation

/// Writes `rate` transactions per second into the source until stopped, paced on a clock (not by
/// sleeping a fixed time after each one, so slow transactions do not lower the rate below what the
/// server can take). A failing source is retried once a second; the last error is kept for the caller.
public actor TrafficGenerator {
    public struct Counts: Sendable, Equatable {
        public var committed = 0
        public var failed = 0
        public var lastError: String?
    }

    private let connection: PGConnection
    private var rate: Int
    private var task: Task<Void, Never>?
    private var counts = Counts()
    private var random = SeededRandom(seed: UInt64(UInt32.max) ^ 0x5eed)

    /// - Parameter sourceAdminURL: a role that may write the dvdrental tables.
    public init(sourceAdminURL: String, rate: Int) {
        connection = PGConnection(
            conninfo: sourceAdminURL,
            settings: .init(applicationName: "eltop-demo-traffic", connectTimeoutSeconds: 3, statementTimeoutMilliseconds: 5000, readOnly: false))
        self.rate = max(0, rate)
    }

    public var isRunning: Bool { task != nil }
    public var currentCounts: Counts { counts }

    /// Starts writing (no-op when already running or the rate is 0).
    public func start() {
        guard task == nil, rate > 0 else { return }
        let interval = Duration.nanoseconds(1_000_000_000 / Int64(rate))
        task = Task { [weak self] in
            let clock = ContinuousClock()
            var next = clock.now
            while !Task.isCancelled {
                guard let self else { return }
                let ok = await self.writeOne()
                next = ok ? next.advanced(by: interval) : clock.now.advanced(by: .seconds(1))
                if next < clock.now { next = clock.now }
                try? await clock.sleep(until: next)
            }
        }
    }

    /// Stops writing; a transaction in flight finishes first.
    public func stop() async {
        task?.cancel()
        task = nil
        await connection.close()
    }

    /// Flips between writing and not; returns whether it is writing now.
    @discardableResult
    public func toggle() async -> Bool {
        if task != nil {
            await stop()
            return false
        }
        start()
        return task != nil
    }

    private func writeOne() async -> Bool {
        let n = Int(random.next() >> 1)
        let kind = TrafficTransaction.pick(n)
        do {
            try await connection.execute(script: kind.sql(n / 100))
            counts.committed += 1
            return true
        } catch {
            counts.failed += 1
            counts.lastError = "\(error)"
            return false
        }
    }
}
