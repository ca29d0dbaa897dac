/// Decodes pgoutput v1 payloads (the bytes after an XLogData header) into messages.
///
/// Pure and allocation-light: it reads straight from the network buffer and makes one String per
/// non-null column value, nothing per byte. Relations are not tracked here (see `RelationCache`), so a
/// decoder can be used on any message in isolation — which is how the tests feed it captured bytes.
public enum PgOutputDecoder {
    public static func decode(_ payload: UnsafeRawBufferPointer) throws -> PgOutputMessage {
        var r = ByteReader(payload)
        let kind = try r.u8()
        switch kind {
        case UInt8(ascii: "B"):
            return .begin(.init(finalLSN: LSN(try r.u64()), commitTime: try r.i64(), xid: try r.u32()))
        case UInt8(ascii: "C"):
            return .commit(.init(flags: try r.u8(), commitLSN: LSN(try r.u64()), endLSN: LSN(try r.u64()), commitTime: try r.i64()))
        case UInt8(ascii: "O"):
            let lsn = LSN(try r.u64())
            return .origin(name: try r.cString(), commitLSN: lsn)
        case UInt8(ascii: "R"):
            return .relation(try relation(&r))
        case UInt8(ascii: "Y"):
            let oid = try r.u32()
            let namespace = try r.cString()
            return .type(oid: oid, namespace: namespace, name: try r.cString())
        case UInt8(ascii: "I"):
            let id = try r.u32()
            guard try r.u8() == UInt8(ascii: "N") else { throw DecodeError.unknownTupleKind(payload[r.offset - 1]) }
            return .insert(relationId: id, new: try tuple(&r))
        case UInt8(ascii: "U"):
            let id = try r.u32()
            var marker = try r.u8()
            var old: Tuple?
            if marker == UInt8(ascii: "K") || marker == UInt8(ascii: "O") {
                old = try tuple(&r)
                marker = try r.u8()
            }
            guard marker == UInt8(ascii: "N") else { throw DecodeError.unknownTupleKind(marker) }
            return .update(relationId: id, old: old, new: try tuple(&r))
        case UInt8(ascii: "D"):
            let id = try r.u32()
            let marker = try r.u8()
            guard marker == UInt8(ascii: "K") || marker == UInt8(ascii: "O") else { throw DecodeError.unknownTupleKind(marker) }
            return .delete(relationId: id, old: try tuple(&r))
        case UInt8(ascii: "T"):
            let count = Int(try r.u32())
            let options = try r.u8()
            try r.ensureRoom(for: count, eachAtLeast: 4)
            var ids: [UInt32] = []
            ids.reserveCapacity(count)
            for _ in 0..<count { ids.append(try r.u32()) }
            return .truncate(relationIds: ids, cascade: options & 1 != 0, restartIdentity: options & 2 != 0)
        case UInt8(ascii: "M"):
            _ = try r.u8()
            _ = try r.u64()
            return .message(prefix: try r.cString())
        default:
            throw DecodeError.unknownMessage(kind)
        }
    }

    private static func relation(_ r: inout ByteReader) throws -> Relation {
        let id = try r.u32()
        let namespace = try r.cString()
        let name = try r.cString()
        let identity = try r.u8()
        let count = Int(try r.u16())
        try r.ensureRoom(for: count, eachAtLeast: 1 + 1 + 4 + 4)
        var columns: [Relation.Column] = []
        columns.reserveCapacity(count)
        for _ in 0..<count {
            let flags = try r.u8()
            let columnName = try r.cString()
            columns.append(.init(name: columnName, isKey: flags & 1 != 0, typeOID: try r.u32(), typeModifier: try r.i32()))
        }
        return Relation(id: id, namespace: namespace, name: name, replicaIdentity: identity, columns: columns)
    }

    @inline(__always)
    private static func tuple(_ r: inout ByteReader) throws -> Tuple {
        let count = Int(try r.u16())
        try r.ensureRoom(for: count, eachAtLeast: 1)
        var values: [Tuple.Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            switch try r.u8() {
            case UInt8(ascii: "t"): values.append(.text(try r.text(Int(try r.u32()))))
            case UInt8(ascii: "n"): values.append(.null)
            case UInt8(ascii: "u"): values.append(.unchangedToast)
            case let other: throw DecodeError.unknownTupleKind(other)
            }
        }
        return Tuple(values: values)
    }
}
