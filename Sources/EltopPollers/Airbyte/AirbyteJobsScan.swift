import EltopJSON

// The public API's jobs, read with `JSONScanner` (`ScannedAnswer`): a poll reads one jobs list per
// connection, and `POST /jobs` answers one job.

extension PublicJob: ScannedAnswer {
    static func scan(_ scanner: inout JSONScanner) throws -> PublicJob {
        var jobId: Int64?, status: String?, jobType: String?
        var startTime: String?, connectionId: String?, lastUpdatedAt: String?, duration: String?
        var bytesSynced: Int64?, rowsSynced: Int64?
        try AnswerScan.object(&scanner) { scanner, key in
            switch key.count {
            case 5 where key == "jobId": jobId = try AnswerScan.int64(&scanner, "jobId")
            case 6 where key == "status": status = try AnswerScan.string(&scanner, "status")
            case 7 where key == "jobType": jobType = try AnswerScan.string(&scanner, "jobType")
            case 8 where key == "duration": duration = try AnswerScan.optionalString(&scanner, "duration")
            case 9 where key == "startTime": startTime = try AnswerScan.optionalString(&scanner, "startTime")
            case 10 where key == "rowsSynced": rowsSynced = try AnswerScan.optionalInt64(&scanner, "rowsSynced")
            case 11 where key == "bytesSynced": bytesSynced = try AnswerScan.optionalInt64(&scanner, "bytesSynced")
            case 12 where key == "connectionId": connectionId = try AnswerScan.optionalString(&scanner, "connectionId")
            case 13 where key == "lastUpdatedAt": lastUpdatedAt = try AnswerScan.optionalString(&scanner, "lastUpdatedAt")
            default: break
            }
        }
        guard let jobId else { throw AnswerShapeError.missing("jobId") }
        guard let status else { throw AnswerShapeError.missing("status") }
        guard let jobType else { throw AnswerShapeError.missing("jobType") }
        return PublicJob(
            jobId: jobId, status: status, jobType: jobType, startTime: startTime, connectionId: connectionId,
            lastUpdatedAt: lastUpdatedAt, duration: duration, bytesSynced: bytesSynced, rowsSynced: rowsSynced)
    }
}

extension PublicJobs: ScannedAnswer {
    static func scan(_ scanner: inout JSONScanner) throws -> PublicJobs {
        var data: [PublicJob]?
        try AnswerScan.object(&scanner) { scanner, key in
            if key == "data" { data = try AnswerScan.array(&scanner, "data") { try PublicJob.scan(&$0) } }
        }
        guard let data else { throw AnswerShapeError.missing("data") }
        return PublicJobs(data: data)
    }
}
