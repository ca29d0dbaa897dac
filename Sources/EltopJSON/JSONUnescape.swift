/// Turns the bytes between a string's quotes into the bytes they stand for: `\n`, `\"`, `\\`, `\/`,
/// `\b`, `\f`, `\r`, `\t` and `\uXXXX`, with UTF-16 surrogate pairs joined into one code point.
/// A lone surrogate becomes U+FFFD (Python's json writes them; refusing the whole manifest for one
/// would be worse than one odd character in a name).
enum JSONUnescape {
    static func bytes(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func fail(_ reason: JSONScanError.Reason) -> JSONScanError { JSONScanError(offset: offset + i, reason: reason) }
        func hex4(at position: Int) throws -> UInt32 {
            guard position + 4 <= raw.count else { throw fail(.invalidEscape) }
            var value: UInt32 = 0
            for byte in raw[position..<position + 4] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail(.invalidEscape)
                }
                value = value << 4 | digit
            }
            return value
        }
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { throw fail(.invalidEscape) }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i + 2)
                var length = 6
                if (0xD800...0xDBFF).contains(scalar), i + 12 <= raw.count, raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u") {
                    let low = try hex4(at: i + 8)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        length = 12
                    }
                }
                out.append(contentsOf: Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD])
                i += length
                continue
            default: throw fail(.invalidEscape)
            }
            i += 2
        }
        return out
    }
}
