/// A fixed-capacity buffer that forgets its oldest element when full.
///
/// Histories for sparklines and rates must stay bounded however long eltop runs.
public struct RingBuffer<Element: Equatable & Sendable>: Equatable, Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0  // index of the oldest element once full

    public init(capacity: Int) {
        precondition(capacity > 0, "a ring buffer needs room for at least one element")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// Puts `element` in the newest element's place: a running figure (a minute's largest value so far)
    /// updated where it stands. Does nothing to an empty buffer.
    public mutating func replaceLast(_ element: Element) {
        guard !storage.isEmpty else { return }
        storage[storage.count < capacity ? storage.count - 1 : (head + capacity - 1) % capacity] = element
    }

    /// The elements, oldest first.
    public var elements: [Element] {
        storage.count < capacity ? storage : Array(storage[head...] + storage[..<head])
    }

    /// The element `offset` places after the oldest (0 is the oldest): what `elements[offset]` is,
    /// without building the array, which a full buffer rebuilds on every call.
    public subscript(fromOldest offset: Int) -> Element {
        storage[storage.count < capacity ? offset : (head + offset) % capacity]
    }

    public var last: Element? {
        guard !storage.isEmpty else { return nil }
        return storage.count < capacity ? storage.last : storage[(head + capacity - 1) % capacity]
    }

    public static func == (a: Self, b: Self) -> Bool { a.capacity == b.capacity && a.elements == b.elements }
}

/// Coded as its capacity and elements oldest first: where the ring's head happened to be is not part
/// of what it holds, so two equal buffers always code alike.
extension RingBuffer: Codable where Element: Codable {
    private enum CodingKeys: String, CodingKey { case capacity, elements }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        guard capacity > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: container, debugDescription: "a ring buffer needs room for at least one element")
        }
        self.init(capacity: capacity)
        for element in try container.decode([Element].self, forKey: .elements).suffix(capacity) { append(element) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(elements, forKey: .elements)
    }
}
