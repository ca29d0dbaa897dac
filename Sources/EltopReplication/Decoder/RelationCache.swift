/// The Relation and Type messages seen so far in one stream, so a change can be read as a typed row.
///
/// pgoutput sends a Relation before the first change of a table in each stream (and again after its
/// definition changes), so the cache lives for one stream and is never shared.
public struct RelationCache: Sendable {
    public private(set) var relations: [UInt32: Relation] = [:]
    /// Names of user-defined types by OID, from Type messages (`namespace.name`).
    public private(set) var typeNames: [UInt32: String] = [:]

    public init() {}

    /// Remembers what a Relation or Type message says; other messages are ignored.
    public mutating func observe(_ message: PgOutputMessage) {
        switch message {
        case .relation(let relation): relations[relation.id] = relation
        case .type(let oid, let namespace, let name): typeNames[oid] = "\(namespace).\(name)"
        default: break
        }
    }

    /// The relation a change names, checking its tuple's width.
    public func relation(for id: UInt32, tuple: Tuple) throws -> Relation {
        guard let relation = relations[id] else { throw DecodeError.unknownRelation(id) }
        guard relation.columns.count == tuple.values.count else {
            throw DecodeError.columnCountMismatch(relation: id, expected: relation.columns.count, got: tuple.values.count)
        }
        return relation
    }
}
