import Foundation

/// One observed value and when it was observed.
public struct Sample: Codable, Equatable, Sendable {
    public var at: Date
    public var value: Double
    public init(at: Date, value: Double) {
        self.at = at
        self.value = value
    }
}

/// A short history of one figure (a slot's lag, a job's records), for sparklines and rates.
public struct SampleHistory: Codable, Equatable, Sendable {
    public static let defaultCapacity = 120
    public private(set) var samples: RingBuffer<Sample>

    public init(capacity: Int = SampleHistory.defaultCapacity) {
        samples = RingBuffer(capacity: capacity)
    }

    /// Records a value; a second value at the same instant replaces nothing and is dropped.
    public mutating func record(_ value: Double, at time: Date) {
        if let last = samples.last, last.at >= time { return }
        samples.append(Sample(at: time, value: value))
    }

    public var values: [Double] { samples.elements.map(\.value) }

    /// The newest `count` values, oldest first: `values.suffix(count)` without the whole history.
    public func lastValues(_ count: Int) -> [Double] {
        (max(0, samples.count - count)..<samples.count).map { samples[fromOldest: $0].value }
    }

    public var latest: Sample? { samples.last }

    /// Change per second between the oldest sample inside `window` and the newest; nil with fewer than
    /// two samples in the window, so a rate is never made up from one point.
    /// Read in place, the oldest sample inside the window found by bisection (samples only move
    /// forward in time, `record` drops any other): every frame asks it of every slot.
    public func ratePerSecond(window: TimeInterval) -> Double? {
        guard let newest = samples.last else { return nil }
        var low = 0, high = samples.count - 1  // the newest sample is always inside the window
        while low < high {
            let middle = (low + high) / 2
            if newest.at.timeIntervalSince(samples[fromOldest: middle].at) <= window { high = middle } else { low = middle + 1 }
        }
        let oldest = samples[fromOldest: low]
        guard oldest.at < newest.at else { return nil }
        return (newest.value - oldest.value) / newest.at.timeIntervalSince(oldest.at)
    }
}
