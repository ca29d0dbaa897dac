import Foundation

/// A figure over the last hour at one value a minute: what the Source pane's charts draw.
///
/// The readings a `SampleHistory` keeps (120: ten minutes at the default 5 s poll) are too few for an
/// hour, and keeping 720 would cost every idle minute. A minute is as fine as a chart of an hour needs
/// until its plot is 60 columns wide (at 200×50 each plot is under 40: a column is over 90 s). Each entry is the
/// largest value read in its minute, so a peak between two polls of a chart's column is never averaged
/// away; a minute without a reading has no entry, so a gap in polling stays a gap.
public struct MinuteHistory: Codable, Equatable, Sendable {
    /// The minute now is in and the sixty before it: enough to cover an hour back from any instant.
    public static let minutesKept = 61
    public static let minute: TimeInterval = 60

    /// One sample per minute that had a reading, oldest first; `at` is the minute's start.
    public private(set) var minutes = RingBuffer<Sample>(capacity: MinuteHistory.minutesKept)

    public init() {}

    /// Folds a reading into its minute: a new minute starts an entry, a later reading of the same minute
    /// raises it if larger; a reading older than the newest minute is dropped, as `SampleHistory` does.
    public mutating func record(_ value: Double, at time: Date) {
        let start = Self.minuteStart(of: time)
        if let last = minutes.last, last.at >= start {
            if last.at == start, value > last.value { minutes.replaceLast(Sample(at: start, value: value)) }
            return
        }
        minutes.append(Sample(at: start, value: value))
    }

    public var values: [Double] { minutes.elements.map(\.value) }

    /// The start of the UTC minute `time` is in (every time zone's minutes start there too).
    static func minuteStart(of time: Date) -> Date {
        Date(timeIntervalSinceReferenceDate: (time.timeIntervalSinceReferenceDate / minute).rounded(.down) * minute)
    }
}
