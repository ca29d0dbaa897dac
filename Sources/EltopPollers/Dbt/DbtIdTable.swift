import EltopJSON
#if canImport(Glibc)
import Glibc
#endif

/// The node ids of one manifest read, each made a `String` once: a node's own key and every
/// `depends_on` entry that names it share one string.
///
/// Why: a test depends on the model it tests, a model on the ones it selects from, so most ids are
/// written two or more times in a manifest; made one `String` each time, the copies of a 5,000-model
/// project were 1.5 MB of the dashboard's resident memory (docs/benchmarks.md, "scale memory, third
/// pass"). Sharing them after the read frees the copies but leaves their holes between strings that
/// stay; here the copies are never made. Open addressing over the ids' bytes (FNV-1a), so a lookup
/// makes no `String`; lives for one read only.
struct DbtIdTable {
    private var slots: [String?]
    private var used = 0

    init(expected: Int = 1024) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = Array(repeating: nil, count: capacity)
    }

    /// The id `key` spells, the same `String` every time it is asked for.
    mutating func string(for key: JSONKey) -> String {
        key.withBytes { bytes in
            var slot = Self.hash(bytes) & (slots.count - 1)
            while let stored = slots[slot] {
                if Self.spells(stored, bytes) { return stored }
                slot = (slot + 1) & (slots.count - 1)
            }
            let string = String(decoding: bytes, as: UTF8.self)
            slots[slot] = string
            used += 1
            if used * 2 > slots.count { grow() }
            return string
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        for case let string? in old {
            var copy = string
            copy.withUTF8 { bytes in
                var slot = Self.hash(bytes) & (slots.count - 1)
                while slots[slot] != nil { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = string
            }
        }
    }

    private static func spells(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var copy = string
        return copy.withUTF8 { stored in
            stored.count == bytes.count && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
