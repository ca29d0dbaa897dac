import Foundation

/// The one connection the demo serves: the CDC source into the warehouse's `raw` schema.
/// Ids are fixed so a seed script or an eltop config written once keeps working across restarts.
public struct DemoConnection: Sendable, Equatable {
    public var id: String
    public var name: String
    public var sourceID: String
    public var destinationID: String
    public var workspaceID: String
    /// Epoch seconds, as `ConnectionResponse.createdAt`.
    public var createdAt: Int64
    public var schedule: SyncSchedule?

    public init(
        id: String = "5e4ad2b8-0f53-4bd4-9f43-2b8b8b0cdc11", name: String = "dvdrental → raw",
        sourceID: String = "9924bcd0-99be-453d-ba47-c2c9766f7da5", destinationID: String = "744cc0ed-7f05-4949-9e60-2a814f90c035",
        workspaceID: String = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826", createdAt: Int64 = 1_700_000_000, schedule: SyncSchedule? = nil
    ) {
        self.id = id
        self.name = name
        self.sourceID = sourceID
        self.destinationID = destinationID
        self.workspaceID = workspaceID
        self.createdAt = createdAt
        self.schedule = schedule
    }
}
