/// One pgoutput (protocol version 1) logical replication message, decoded.
public enum PgOutputMessage: Equatable, Sendable {
    case begin(Begin)
    case commit(Commit)
    /// The origin of a transaction replayed from elsewhere (name, origin's commit LSN).
    case origin(name: String, commitLSN: LSN)
    case relation(Relation)
    /// A user-defined type used by a column (an enum; for a domain, the base type's name with the domain's OID).
    case type(oid: UInt32, namespace: String, name: String)
    case insert(relationId: UInt32, new: Tuple)
    /// `old` is the key (`K`) or the whole old row (`O`, REPLICA IDENTITY FULL) when the server sent one:
    /// under REPLICA IDENTITY DEFAULT only when the key changed.
    case update(relationId: UInt32, old: Tuple?, new: Tuple)
    /// `old` holds the key columns (others null) under REPLICA IDENTITY DEFAULT.
    case delete(relationId: UInt32, old: Tuple)
    case truncate(relationIds: [UInt32], cascade: Bool, restartIdentity: Bool)
    /// A logical decoding message (`M`), sent only with the `messages` option; skipped by syncs.
    case message(prefix: String)

    public struct Begin: Equatable, Sendable {
        public var finalLSN: LSN
        /// µs since 2000-01-01 UTC.
        public var commitTime: Int64
        public var xid: UInt32
    }

    public struct Commit: Equatable, Sendable {
        public var flags: UInt8
        public var commitLSN: LSN
        /// The position after the commit record: what a client confirms.
        public var endLSN: LSN
        public var commitTime: Int64
    }
}

/// A table as the `R` message describes it; changes name it by `id`.
public struct Relation: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var name: String
        /// Part of the replica identity (the primary key under REPLICA IDENTITY DEFAULT).
        public var isKey: Bool
        public var typeOID: UInt32
        public var typeModifier: Int32
    }

    public var id: UInt32
    public var namespace: String
    public var name: String
    /// `d` default, `n` nothing, `f` full, `i` index.
    public var replicaIdentity: UInt8
    public var columns: [Column]

    public var keyColumnIndices: [Int] { columns.indices.filter { columns[$0].isKey } }
}

/// One row's column values, in the relation's column order.
public struct Tuple: Equatable, Sendable {
    public var values: [Value]

    public enum Value: Equatable, Sendable {
        case null
        /// `u`: a TOASTed value the change did not touch; the row keeps its previous value.
        case unchangedToast
        /// `t`: the value's text output form.
        case text(String)

        public var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }
    }

    public init(values: [Value]) { self.values = values }
}
