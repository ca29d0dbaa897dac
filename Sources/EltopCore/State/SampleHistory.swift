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
    public var latest: Sample? { samples.last }

    /// Change per second between the oldest sample inside `window` and the newest; nil with fewer than
    /// two samples in the window, so a rate is never made up from one point.
    public func ratePerSecond(window: TimeInterval) -> Double? {
        let all = samples.elements
        guard let newest = all.last else { return nil }
        guard let oldest = all.first(where: { newest.at.timeIntervalSince($0.at) <= window }),
            oldest.at < newest.at
        else { return nil }
        return (newest.value - oldest.value) / newest.at.timeIntervalSince(oldest.at)
    }
}
