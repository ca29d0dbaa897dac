import Foundation

/// Where a timeline entry came from.
public enum TimelineOrigin: String, Codable, Sendable {
    case source, airbyte, warehouse, dbt, tracer, action, app, pipeline

    public init(_ feed: Feed) {
        switch feed {
        case .source: self = .source
        case .airbyte: self = .airbyte
        case .warehouse: self = .warehouse
        case .dbt: self = .dbt
        }
    }
}

/// One transition worth telling the on-call engineer about.
public struct TimelineEntry: Codable, Equatable, Sendable {
    /// The entry's number in its timeline, counting from 1 in the order entries were added: what a
    /// selection holds on to while newer entries push the entry down the list. 0 until added.
    public internal(set) var id = 0
    public var at: Date
    public var origin: TimelineOrigin
    public var severity: Severity
    public var message: String

    public init(at: Date, origin: TimelineOrigin, severity: Severity, message: String) {
        self.at = at
        self.origin = origin
        self.severity = severity
        self.message = message
    }
}

/// The event timeline: newest first, bounded so a long night does not grow memory.
public struct Timeline: Codable, Equatable, Sendable {
    public static let defaultCapacity = 500
    public let capacity: Int
    /// Newest first.
    public private(set) var entries: [TimelineEntry] = []
    /// How many entries were ever added; the next entry's id is one more.
    public private(set) var added = 0

    public init(capacity: Int = Timeline.defaultCapacity) {
        self.capacity = capacity
    }

    public mutating func add(_ entry: TimelineEntry) {
        added += 1
        var entry = entry
        entry.id = added
        entries.insert(entry, at: 0)
        if entries.count > capacity { entries.removeLast(entries.count - capacity) }
    }
}
