import Foundation

/// The public API (`/api/public/v1`, and `/v1` as the old standalone server served it):
/// health, applications/token, jobs list/get/create/cancel, connections list/get.
enum PublicRoutes {
    static func handle(_ request: APIRequest, path: String, backend: AirbyteBackend) async throws(APIError) -> APIResponse {
        let parts = path.split(separator: "/").map(String.init)
        switch (request.method, parts.first, parts.count) {
        case ("GET", "health", 1):
            return .json(200, HealthCheckRead())
        case ("POST", "applications", 2) where parts[1] == "token":
            let issued = try await backend.token(try TokenForm.decode(request))
            return .json(200, PublicAccessTokenResponse(access_token: issued.token, expires_in: issued.expiresIn))
        case ("GET", "jobs", 1):
            let jobs = await backend.jobs.store.allJobs()
            let page = try query(request).page(jobs)
            return .json(200, JobsResponse(data: page.map { WireMapping.publicJob($0, now: backend.now) }))
        case ("POST", "jobs", 1):
            let body = try BodyDecoding.decode(JobCreateRequest.self, from: request.body)
            guard let kind = DemoJobKind(rawValue: body.jobType) else {
                throw APIError.invalidField("jobType", reason: "must be one of sync, reset, clear, not '\(body.jobType)'")
            }
            let job = try await backend.start(connectionID: body.connectionId, kind: kind)
            return .json(200, WireMapping.publicJob(job, now: backend.now))
        case ("GET", "jobs", 2):
            let job = try await backend.job(try jobID(parts[1]))
            return .json(200, WireMapping.publicJob(job, now: backend.now))
        case ("DELETE", "jobs", 2):
            let job = try await backend.cancel(try jobID(parts[1]))
            return .json(200, WireMapping.publicJob(job, now: backend.now))
        case ("GET", "connections", 1):
            let limit = try intParameter(request, "limit", default: 20, range: 1...100)
            let offset = try intParameter(request, "offset", default: 0, range: 0...Int.max)
            let all = [backend.connection].dropFirst(offset).prefix(limit)
            return .json(200, ConnectionsResponse(data: all.map(WireMapping.publicConnection)))
        case ("GET", "connections", 2):
            return .json(200, WireMapping.publicConnection(try backend.connection(parts[1])))
        case (_, "health", 1), (_, "jobs", 1), (_, "jobs", 2), (_, "connections", 1), (_, "connections", 2):
            throw APIError.methodNotAllowed
        case (_, "applications", 2) where parts[1] == "token":
            throw APIError.methodNotAllowed
        default:
            throw APIError.notFound("No such path: \(request.path)")
        }
    }

    private static func jobID(_ text: String) throws(APIError) -> Int64 {
        guard let id = Int64(text) else { throw APIError.invalidField("jobId", reason: "must be an integer, not '\(text)'") }
        return id
    }

    /// `GET /jobs` parameters; anything out of the spec's range is a 400, as the server validates them.
    static func query(_ request: APIRequest) throws(APIError) -> JobQuery {
        var q = JobQuery()
        q.connectionID = request.queryValue("connectionId")
        q.limit = try intParameter(request, "limit", default: 20, range: 1...100)
        q.offset = try intParameter(request, "offset", default: 0, range: 0...Int.max)
        if let type = request.queryValue("jobType") {
            guard let kind = DemoJobKind(rawValue: type) else { throw APIError.invalidField("jobType", reason: "must be sync, reset or clear") }
            q.kinds = [kind]
        }
        if let status = request.queryValue("status") {
            guard let s = DemoJobStatus(rawValue: status) else { throw APIError.invalidField("status", reason: "is not a job status: '\(status)'") }
            q.statuses = [s]
        }
        q.createdAfter = try dateParameter(request, "createdAtStart")
        q.createdBefore = try dateParameter(request, "createdAtEnd")
        q.updatedAfter = try dateParameter(request, "updatedAtStart")
        q.updatedBefore = try dateParameter(request, "updatedAtEnd")
        if let order = request.queryValue("orderBy") {
            let pieces = order.split(separator: "|").map(String.init)
            guard pieces.count == 2, let field = JobQuery.Field(rawValue: pieces[0]), ["ASC", "DESC"].contains(pieces[1].uppercased()) else {
                throw APIError.invalidField("orderBy", reason: "must be createdAt|ASC, createdAt|DESC, updatedAt|ASC or updatedAt|DESC")
            }
            q.orderBy = field
            q.descending = pieces[1].uppercased() == "DESC"
        }
        return q
    }

    private static func intParameter(_ request: APIRequest, _ name: String, default value: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = request.queryValue(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw APIError.invalidField(name, reason: "must be an integer \(bound), not '\(text)'")
        }
        return number
    }

    private static func dateParameter(_ request: APIRequest, _ name: String) throws(APIError) -> Int64? {
        guard let text = request.queryValue(name) else { return nil }
        guard let seconds = WireTime.parse(text) else { throw APIError.invalidField(name, reason: "must be an ISO-8601 date-time") }
        return seconds
    }
}

/// `applications/token` bodies: JSON (eltop, curl) or a form (OAuth client libraries, Airbyte's SDKs).
enum TokenForm {
    static func decode(_ request: APIRequest) throws(APIError) -> TokenRequest {
        guard request.contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return try BodyDecoding.decode(TokenRequest.self, from: request.body)
        }
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        guard let id = fields["client_id"] else { throw APIError.invalidField("client_id", reason: "is required") }
        guard let secret = fields["client_secret"] else { throw APIError.invalidField("client_secret", reason: "is required") }
        return TokenRequest(client_id: id, client_secret: secret, grant_type: fields["grant_type"])
    }
}
