import Foundation

/// The captured pgoutput messages of Fixtures/changes.hex (see Fixtures/README.md).
struct CapturedMessage {
    var lsn: String
    var xid: UInt32
    var payload: [UInt8]
}

enum CapturedMessages {
    static func load() throws -> [CapturedMessage] {
        guard let url = Bundle.module.url(forResource: "changes", withExtension: "hex", subdirectory: "Fixtures") else {
            throw FixtureError(line: "Fixtures/changes.hex is missing from the test bundle")
        }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let xid = UInt32(parts[1]) else { throw FixtureError(line: String(line)) }
            return CapturedMessage(lsn: String(parts[0]), xid: xid, payload: try hexBytes(parts[2]))
        }
    }

    static func hexBytes(_ text: Substring) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { throw FixtureError(line: String(text)) }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

struct FixtureError: Error { var line: String }
