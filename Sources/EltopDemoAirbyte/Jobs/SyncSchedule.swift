import Foundation

/// A basic schedule: a sync every N whole minutes (`--sync-every 1m`, `90m`, `2h`), reported as Airbyte
/// reports a basic schedule. Seconds are refused: Airbyte's basic schedules count whole minutes at least.
public struct SyncSchedule: Sendable, Equatable {
    public let minutes: Int

    public init(minutes: Int) throws {
        guard minutes > 0 else { throw DemoAirbyteError.badSchedule("the schedule must be at least 1 minute, not \(minutes)") }
        self.minutes = minutes
    }

    /// `Nm` (minutes) or `Nh` (hours); a bare number is minutes.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var digits = Substring(trimmed)
        var factor = 1
        if digits.hasSuffix("m") { digits = digits.dropLast() }
        else if digits.hasSuffix("h") { digits = digits.dropLast(); factor = 60 }
        guard let value = Int(digits) else {
            throw DemoAirbyteError.badSchedule("'\(text)' is not a schedule: write whole minutes like 1m or 30m, or hours like 2h")
        }
        try self.init(minutes: value * factor)
    }

    /// The public API's `basicTiming`, as the server words it.
    public var basicTiming: String { "Every \(minutes) minutes" }
}

/// Starts a sync of the connection every interval; a sync still running at the time is left alone
/// (the tick is skipped, as Airbyte's scheduler does not queue a second job).
struct ScheduledSyncs: Sendable {
    let service: JobService
    let connectionID: String
    let interval: Duration

    func run() async {
        while (try? await Task.sleep(for: interval)) != nil {
            _ = try? await service.start(connectionID: connectionID, kind: .sync, scheduled: true)
        }
    }
}
