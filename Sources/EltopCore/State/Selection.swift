/// The selected row of one pane's list, held by the row's identity (slot name, connection id, table,
/// node id, timeline entry), not by its position.
///
/// A new timeline entry at the top, a re-sort of the warehouse tables or a poll that reorders nodes
/// moves rows under the cursor; the selection and an open detail view stay on the row they were on.
/// Only when that row is gone does the position it was last seen at stand in, clamped to the list.
public struct Selection: Equatable, Sendable, Codable {
    /// The selected row's identity; nil until a row was chosen (then the first row is selected).
    public private(set) var key: String?
    /// Where the row was when it was chosen: the fallback once it has left the list.
    public private(set) var index: Int

    public init() {
        key = nil
        index = 0
    }

    /// The selection of the row `key`, remembered at `index`.
    public init(key: String, index: Int) {
        self.key = key
        self.index = max(0, index)
    }

    /// The selected row's position among `keys` (the pane's rows, in order): where its key is, else
    /// the remembered position clamped to the list; 0 for an empty list.
    public func index(in keys: [String]) -> Int {
        if let key, let found = keys.firstIndex(of: key) { return found }
        return max(0, min(index, keys.count - 1))
    }

    /// The selection moved to the row at `target` (clamped) among `keys`.
    public func moved(to target: Int, in keys: [String]) -> Selection {
        guard !keys.isEmpty else { return Selection() }
        let row = max(0, min(target, keys.count - 1))
        return Selection(key: keys[row], index: row)
    }
}
