/// Eight bytes of a document read as one word, so that a search for a byte looks at all eight in a few
/// arithmetic steps instead of eight comparisons and branches.
///
/// Why: most strings in a dbt manifest are a few bytes long (keys, column names, `varchar`), and for
/// those a call into `memchr` costs more than the search itself. Masks mark a byte by its high bit only;
/// the zero-byte test is the exact one (no borrow reaches the next byte), so a mask never marks a byte
/// that does not match.
struct ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lowSevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    private let bits: UInt64

    /// The eight bytes from `pointer`, which must all be readable; the first is the word's lowest byte.
    init(at pointer: UnsafePointer<UInt8>) {
        bits = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The bytes equal to `byte`.
    func matching(_ byte: UInt8) -> UInt64 {
        Self.zeroBytes(bits ^ (Self.ones &* UInt64(byte)))
    }

    /// The bytes below 0x20: control characters, which a JSON string may not hold unescaped.
    func controlCharacters() -> UInt64 {
        Self.zeroBytes(bits & 0xE0E0_E0E0_E0E0_E0E0)
    }

    /// The offset in the word of the first byte `mask` marks; `mask` must mark one.
    static func firstOffset(_ mask: UInt64) -> Int {
        mask.trailingZeroBitCount >> 3
    }

    /// The marks of `mask` before the first of `first`'s marks: below `first`'s lowest set bit, which
    /// is every bit when `first` marks none (0 &- 1 is all ones), so that case needs no branch.
    static func before(_ first: UInt64, in mask: UInt64) -> UInt64 {
        mask & ((first & (0 &- first)) &- 1)
    }

    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & lowSevenBits) &+ lowSevenBits) | x | lowSevenBits)
    }
}
