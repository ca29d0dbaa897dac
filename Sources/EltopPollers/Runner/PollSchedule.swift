/// When a poller runs: every `intervalSeconds` (± jitter), each poll cut off after `timeoutSeconds`,
/// and after failures a capped exponential backoff instead of the interval.
public struct PollSchedule: Equatable, Sendable {
    public var intervalSeconds: Double
    public var timeoutSeconds: Double
    /// Each wait is stretched or shrunk by up to this fraction, so pollers of many eltops do not beat in step.
    public var jitterFraction: Double
    public var backoff: Backoff

    public init(intervalSeconds: Double, timeoutSeconds: Double? = nil, jitterFraction: Double = 0.1, backoffCapSeconds: Double = 60) {
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds ?? max(2, min(30, intervalSeconds * 2))
        self.jitterFraction = jitterFraction
        backoff = Backoff(baseSeconds: intervalSeconds, capSeconds: max(backoffCapSeconds, intervalSeconds))
    }

    /// Seconds to wait before the next poll, before jitter: the interval when healthy, backoff when failing.
    public func delay(afterConsecutiveFailures failures: Int) -> Double {
        failures == 0 ? intervalSeconds : backoff.delay(afterFailures: failures)
    }
}

/// Exponential backoff: base, 2×base, 4×base, … never above the cap.
public struct Backoff: Equatable, Sendable {
    public var baseSeconds: Double
    public var capSeconds: Double

    public init(baseSeconds: Double, capSeconds: Double) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// The wait after `failures` consecutive failures (1 → base).
    public func delay(afterFailures failures: Int) -> Double {
        let exponent = Double(min(max(0, failures - 1), 30))
        return min(capSeconds, baseSeconds * pow2(exponent))
    }

    private func pow2(_ x: Double) -> Double { Double(1 << Int(x)) }
}
