import Foundation

/// `dbt` in `snapshot --json`.
struct DbtSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case project, nodes }
    enum NodeKeys: String, CodingKey {
        case unique_id, name, resource_type, layer, materialized, status, execution_time, rows_affected, message
    }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.dbt, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(state.dbt.reading?.project, forKey: .project)
        var list = c.nestedUnkeyedContainer(forKey: .nodes)
        for node in state.dbt.reading?.nodes ?? [] {
            var n = list.nestedContainer(keyedBy: NodeKeys.self)
            try n.encode(node.uniqueId, forKey: .unique_id)
            try n.encode(node.name, forKey: .name)
            try n.encode(node.resourceType, forKey: .resource_type)
            try n.encode(node.layer, forKey: .layer)
            try n.encode(node.materialized, forKey: .materialized)
            try n.encode(node.status, forKey: .status)
            try n.encode(node.executionTime, forKey: .execution_time)
            try n.encode(node.rowsAffected, forKey: .rows_affected)
            try n.encode(node.message, forKey: .message)
        }
    }
}
