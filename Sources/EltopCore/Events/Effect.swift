/// An order to the world that the runtime carries out; its outcome comes back as events.
public enum Effect: Equatable, Hashable, Sendable {
    /// Poll these feeds now instead of waiting for their interval.
    case refresh([Feed])
    /// Leave: stop pollers and children, restore the terminal.
    case quit
}
