import Foundation

/// The fake's objects as the real server writes them.
extension AirbyteFake {
    func connectionJSON(_ c: AirbyteFakeConnection) -> [String: Any] {
        var schedule: [String: Any] = ["scheduleType": c.scheduleType]
        if let cron = c.cronExpression { schedule["cronExpression"] = cron }
        if let basic = c.basicTiming { schedule["basicTiming"] = basic }
        return [
            "connectionId": c.id, "name": c.name, "sourceId": "9924bcd0-99be-453d-ba47-c2c9766f7da5",
            "destinationId": "744cc0ed-7f05-4949-9e60-2a814f90c035", "workspaceId": "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826",
            "status": c.status, "schedule": schedule, "configurations": ["streams": c.streams.map { ["name": $0.name, "syncMode": $0.syncMode, "primaryKey": [["id"]], "cursorField": [String]()] }], "createdAt": 1_700_000_000, "tags": [],
        ]
    }

    /// `JobResponse`: `OffsetDateTime.toString()` times (no seconds when zero), ISO duration, counts committed.
    func publicJobJSON(_ job: AirbyteFakeJob) -> [String: Any] {
        var item: [String: Any] = [
            "jobId": job.id, "status": job.status, "jobType": job.jobType, "startTime": Self.javaTime(job.createdAt),
            "connectionId": job.connectionID, "rowsSynced": job.recordsCommitted, "bytesSynced": job.bytesCommitted,
        ]
        if job.status != "pending" {
            let end = job.isActive ? Date() : job.updatedAt
            item["duration"] = Self.isoDuration(max(0, end.timeIntervalSince(job.createdAt)))
        }
        if !job.isActive { item["lastUpdatedAt"] = Self.javaTime(job.updatedAt) }
        return item
    }

    func configJobJSON(_ job: AirbyteFakeJob) -> [String: Any] {
        [
            "id": job.id, "configType": "sync", "configId": job.connectionID, "status": job.status,
            "createdAt": Int64(job.createdAt.timeIntervalSince1970), "updatedAt": Int64(job.updatedAt.timeIntervalSince1970),
            "startedAt": Int64(job.createdAt.timeIntervalSince1970),
        ]
    }

    func attemptsJSON(_ job: AirbyteFakeJob) -> [[String: Any]] {
        job.attempts.enumerated().map { index, attempt in
            var item: [String: Any] = [
                "id": index, "status": attempt.status, "createdAt": Int64(attempt.createdAt.timeIntervalSince1970),
                "updatedAt": Int64(attempt.createdAt.timeIntervalSince1970),
            ]
            if let message = attempt.failureMessage {
                var failure: [String: Any] = [
                    "failureOrigin": attempt.failureOrigin ?? "unknown", "externalMessage": message,
                    "timestamp": Int64(attempt.createdAt.timeIntervalSince1970 * 1000),
                ]
                if let type = attempt.failureType { failure["failureType"] = type }
                item["failureSummary"] = ["failures": [failure]]
            }
            return ["attempt": item]
        }
    }

    /// `ConnectionStatusRead`, with the sync status derived as the spec describes.
    func statusJSON(_ id: String) -> [String: Any]? {
        guard connections.contains(where: { $0.id == id }) else { return nil }
        let mine = jobs.filter { $0.connectionID == id }.sorted { $0.id < $1.id }
        let active = mine.last { $0.isActive }
        let lastFinished = mine.last { !$0.isActive }
        let status: String
        if active?.status == "running" { status = "running" }
        else if lastFinished == nil { status = "pending" }
        else if lastFinished?.status == "failed" { status = "incomplete" }
        else { status = "synced" }
        var item: [String: Any] = ["connectionId": id, "connectionSyncStatus": status]
        if let success = mine.last(where: { $0.status == "succeeded" }) { item["lastSuccessfulSync"] = Int64(success.updatedAt.timeIntervalSince1970) }
        if let active { item["activeJob"] = configJobJSON(active) }
        if let last = mine.last {
            item["lastSyncJobId"] = last.id
            item["lastSyncAttemptNumber"] = max(0, last.attempts.count - 1)
            item["lastSyncJobCreatedAt"] = Int64(last.createdAt.timeIntervalSince1970)
        }
        return item
    }

    /// Java's `OffsetDateTime.toString()` in UTC: `2025-10-01T23:46Z` when the seconds are zero.
    static func javaTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let base = String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
        return base + (c.second == 0 ? "" : String(format: ":%02d", c.second!)) + "Z"
    }

    static func isoDuration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        var text = "PT"
        if s >= 3600 { text += "\(s / 3600)H" }
        if s % 3600 >= 60 { text += "\(s % 3600 / 60)M" }
        if s % 60 > 0 || s == 0 { text += "\(s % 60)S" }
        return text
    }
}
