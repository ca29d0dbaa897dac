import Foundation

/// The config API (`/api/v1`, all POST with JSON bodies, as the web UI calls it): connections
/// list/get/status/sync/sync_progress/reset, jobs list/get/cancel, health and applications/token.
enum ConfigRoutes {
    static func handle(_ request: APIRequest, path: String, backend: AirbyteBackend) async throws(APIError) -> APIResponse {
        if path == "/health" {
            guard request.method == "GET" || request.method == "POST" else { throw APIError.methodNotAllowed }
            return .json(200, HealthCheckRead())
        }
        guard known.contains(path) else { throw APIError.notFound("No such path: \(request.path)") }
        guard request.method == "POST" else { throw APIError.methodNotAllowed }
        let body = request.body
        switch path {
        case "/applications/token":
            let issued = try await backend.token(try TokenForm.decode(request))
            return .json(200, ["access_token": issued.token])
        case "/connections/list":
            _ = try BodyDecoding.decode(WorkspaceIdRequestBody.self, from: body)
            return .json(200, ConnectionReadList(connections: [WireMapping.configConnection(backend.connection)]))
        case "/connections/get":
            let id = try BodyDecoding.decode(ConnectionIdRequestBody.self, from: body).connectionId
            return .json(200, WireMapping.configConnection(try backend.connection(id)))
        case "/connections/status":
            let ids = try BodyDecoding.decode(ConnectionStatusesRequestBody.self, from: body).connectionIds
            let jobs = await backend.jobs.store.allJobs()
            var answer: [ConnectionStatusRead] = []
            for id in ids { answer.append(WireMapping.status(of: try backend.connection(id), jobs: jobs)) }
            return .json(200, answer)
        case "/connections/sync", "/connections/reset":
            let id = try BodyDecoding.decode(ConnectionIdRequestBody.self, from: body).connectionId
            let job = try await backend.start(connectionID: id, kind: path == "/connections/sync" ? .sync : .reset)
            return .json(200, WireMapping.jobInfo(job))
        case "/connections/sync_progress":
            let id = try BodyDecoding.decode(ConnectionIdRequestBody.self, from: body).connectionId
            let connection = try backend.connection(id)
            let active = await backend.jobs.store.activeJob(of: connection.id)
            return .json(200, WireMapping.syncProgress(connectionID: id, active: active))
        case "/jobs/list":
            let list = try BodyDecoding.decode(JobListRequestBody.self, from: body)
            let query = try query(list)
            let jobs = await backend.jobs.store.allJobs()
            let page = query.page(jobs).map { WireMapping.jobInfo($0) }
            let total = query.matching(jobs).count
            return .json(200, JobReadList(jobs: page.map { JobWithAttemptsRead(job: $0.job, attempts: $0.attempts.map(\.attempt)) }, totalJobCount: Int64(total)))
        case "/jobs/get":
            let id = try BodyDecoding.decode(JobIdRequestBody.self, from: body).id
            return .json(200, WireMapping.jobInfo(try await backend.job(id)))
        case "/jobs/cancel":
            let id = try BodyDecoding.decode(JobIdRequestBody.self, from: body).id
            return .json(200, WireMapping.jobInfo(try await backend.cancel(id)))
        default:
            throw APIError.notFound("No such path: \(request.path)")
        }
    }

    private static let known: Set<String> = [
        "/applications/token", "/connections/list", "/connections/get", "/connections/status", "/connections/sync",
        "/connections/reset", "/connections/sync_progress", "/jobs/list", "/jobs/get", "/jobs/cancel",
    ]

    /// `JobListRequestBody`: the config API lists newest first unless told otherwise, 200 to a page.
    static func query(_ body: JobListRequestBody) throws(APIError) -> JobQuery {
        var q = JobQuery()
        var kinds = Set<DemoJobKind>()
        for type in body.configTypes {
            guard let kind = DemoJobKind.allCases.first(where: { $0.configType == type }) else {
                if ["check_connection_source", "check_connection_destination", "discover_schema", "get_spec", "refresh"].contains(type) { continue }
                throw APIError.invalidField("configTypes", reason: "'\(type)' is not a job config type")
            }
            kinds.insert(kind)
        }
        q.kinds = kinds
        q.connectionID = body.configId
        if let statuses = body.statuses {
            var set = Set<DemoJobStatus>()
            for s in statuses {
                guard let status = DemoJobStatus(rawValue: s) else { throw APIError.invalidField("statuses", reason: "'\(s)' is not a job status") }
                set.insert(status)
            }
            q.statuses = set
        }
        if let field = body.orderByField {
            guard let f = JobQuery.Field(rawValue: field) else { throw APIError.invalidField("orderByField", reason: "must be createdAt or updatedAt") }
            q.orderBy = f
        }
        q.descending = true
        if let method = body.orderByMethod {
            guard ["ASC", "DESC"].contains(method) else { throw APIError.invalidField("orderByMethod", reason: "must be ASC or DESC") }
            q.descending = method == "DESC"
        }
        q.limit = max(1, body.pagination?.pageSize ?? 200)
        q.offset = max(0, body.pagination?.rowOffset ?? 0)
        return q
    }
}
