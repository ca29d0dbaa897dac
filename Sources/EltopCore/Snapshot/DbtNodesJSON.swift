import Foundation

/// `dbt.nodes` of `snapshot --json`, written by `PrettyJSONBytes` instead of `JSONEncoder` and put in
/// the place `DbtSection` leaves for it (an empty list, when `leftOut` is set in the encoder's user
/// info). The same keys, in the same sorted order, as `DbtSection.NodeKeys` encodes; the encoder's
/// output without the flag is the reference `SnapshotEncodingTests` compares with.
enum DbtNodesJSON {
    /// Set to `true` in `JSONEncoder.userInfo` to have `DbtSection` encode `nodes` as `[]`.
    static let leftOut = CodingUserInfoKey(rawValue: "eltop.snapshot.dbtNodesLeftOut")!

    /// The list as it stands after `"nodes" : ` in the dbt section: elements two levels in (6 spaces).
    static func text(_ nodes: [DbtNode]) throws -> [UInt8] {
        var out = PrettyJSONBytes(capacity: nodes.count * 420)
        guard !nodes.isEmpty else {
            out.append("[\n")
            out.newline(indent: 4)
            out.append("]")
            return out.bytes
        }
        out.append("[")
        for (i, node) in nodes.enumerated() {
            if i > 0 { out.append(",") }
            out.newline(indent: 6)
            out.append("{")
            out.key("execution_time", indent: 8)
            try out.number(node.executionTime, codingPath: [SnapshotDocument.Keys.dbt, DbtSection.Keys.nodes, IndexKey(i), DbtSection.NodeKeys.execution_time])
            out.append(",")
            out.key("layer", indent: 8)
            out.string(node.layer)
            out.append(",")
            out.key("materialized", indent: 8)
            out.string(node.materialized)
            out.append(",")
            out.key("message", indent: 8)
            out.string(node.message)
            out.append(",")
            out.key("name", indent: 8)
            out.string(node.name)
            out.append(",")
            out.key("resource_type", indent: 8)
            out.string(node.resourceType)
            out.append(",")
            out.key("rows_affected", indent: 8)
            out.number(node.rowsAffected)
            out.append(",")
            out.key("status", indent: 8)
            out.string(node.status?.rawValue)
            out.append(",")
            out.key("unique_id", indent: 8)
            out.string(node.uniqueId)
            out.newline(indent: 6)
            out.append("}")
        }
        out.newline(indent: 4)
        out.append("]")
        return out.bytes
    }

    /// The document with `nodes` in place of the empty list the dbt section was encoded with. The place
    /// is found by indentation, which only `JSONEncoder`'s layout gives: a top-level key is the only
    /// line with two spaces before its quote, a key of the dbt section the only one with four after it
    /// (strings never hold a raw newline, so no value can look like either).
    static func splice(_ nodes: [UInt8], into document: Data) throws -> [UInt8] {
        let bytes = [UInt8](document)
        let emptyList = Array("[\n\n    ]".utf8)
        guard let section = bytes.firstRange(of: Array("\n  \"dbt\" : {".utf8)),
            let key = bytes[section.upperBound...].firstRange(of: Array("\n    \"nodes\" : ".utf8)),
            bytes[key.upperBound...].starts(with: emptyList)
        else {
            throw EncodingError.invalidValue(
                nodes, EncodingError.Context(codingPath: [SnapshotDocument.Keys.dbt], debugDescription: "no place for the dbt nodes in the encoded snapshot"))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + nodes.count)
        out.append(contentsOf: bytes[..<key.upperBound])
        out.append(contentsOf: nodes)
        out.append(contentsOf: bytes[(key.upperBound + emptyList.count)...])
        return out
    }

    /// An array index in a coding path, as `JSONEncoder` names it in its errors.
    private struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { self.intValue = intValue }
    }
}
