/// SplitMix64: a tiny, fast generator whose sequence is fixed by its seed on every platform, unlike
/// Swift's `SystemRandomNumberGenerator`. The demo's data must be the same for a seed everywhere, so a
/// digest can prove it.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range`, from this generator only (Swift's `Int.random(in:using:)` algorithm may change).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
}
