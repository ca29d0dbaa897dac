import Foundation

/// A stateful stand-in for an Airbyte server's public API (`/api/public/v1`) and the config API endpoints
/// eltop uses (`/api/v1/...`), shaped after the specs in shared/reference/airbyte: jobs move pending →
/// running → succeeded/failed/cancelled under the test's control, a second sync answers 409, tokens
/// expire, and faults (500, an HTML page from a proxy, cut-off or invalid JSON, delays) can be injected.
public actor AirbyteFake {
    public struct Answer: Sendable {
        public var status: Int
        public var contentType: String
        public var body: Data
        public var delaySeconds: Double = 0
    }

    let auth: AirbyteFakeAuth
    /// False plays Airbyte Cloud: no config API.
    let hasConfigAPI: Bool
    var connections: [AirbyteFakeConnection] = []
    var jobs: [AirbyteFakeJob] = []
    var nextJobID: Int64 = 100
    var tokens: [String: Date] = [:]
    var faults: [AirbyteFakeFault] = []
    public private(set) var exchanges: [AirbyteExchange] = []
    /// Sync requests received (`POST /jobs`), accepted or not.
    public internal(set) var syncRequests = 0
    public internal(set) var tokensIssued = 0

    public init(auth: AirbyteFakeAuth = .none, hasConfigAPI: Bool = true) {
        self.auth = auth
        self.hasConfigAPI = hasConfigAPI
    }

    // MARK: - Driving the fake

    /// `streams`: the selected streams and their sync modes (`ConnectionSyncModeEnum`), in the order given.
    @discardableResult
    public func addConnection(
        id: String = UUID().uuidString.lowercased(), name: String, scheduleType: String = "manual", cron: String? = nil, basicTiming: String? = nil,
        streams: [(name: String, syncMode: String)] = []
    ) -> String {
        connections.append(AirbyteFakeConnection(
            id: id, name: name, scheduleType: scheduleType, cronExpression: cron, basicTiming: basicTiming,
            streams: streams.map { AirbyteFakeStreamConfiguration(name: $0.name, syncMode: $0.syncMode) }))
        return id
    }

    /// Sets a connection's status, as disabling it in the UI does (`inactive`).
    public func setStatus(of connectionID: String, to status: String) {
        guard let index = connections.firstIndex(where: { $0.id == connectionID }) else { return }
        connections[index].status = status
    }

    /// Creates a job as a sync request would; returns its id.
    @discardableResult
    public func createJob(connectionID: String, status: String = "pending", at: Date = Date()) -> Int64 {
        let at = Self.wholeSeconds(at)
        nextJobID += 1
        var job = AirbyteFakeJob(id: nextJobID, connectionID: connectionID, jobType: "sync", status: status, createdAt: at, updatedAt: at)
        if status != "pending" { job.attempts = [AirbyteFakeAttempt(status: status == "running" ? "running" : status, createdAt: at)] }
        jobs.append(job)
        return job.id
    }

    /// Moves a job to running with a first attempt.
    public func start(_ id: Int64) { update(id) { job in
        job.status = "running"
        if job.attempts.isEmpty { job.attempts.append(AirbyteFakeAttempt(status: "running", createdAt: Date())) }
    } }

    /// Sets the stream counts of a running job, as a stats flush does.
    public func flush(_ id: Int64, streams: [AirbyteFakeStream]) { update(id) { $0.streams = streams } }

    /// Fails the current attempt and starts another, as Airbyte does for retryable failures.
    public func failAttemptAndRetry(_ id: Int64, origin: String, message: String) { update(id) { job in
        job.attempts[job.attempts.count - 1].status = "failed"
        job.attempts[job.attempts.count - 1].failureOrigin = origin
        job.attempts[job.attempts.count - 1].failureMessage = message
        job.attempts.append(AirbyteFakeAttempt(status: "running", createdAt: Date()))
    } }

    /// Ends a job; a failure is recorded on its last attempt.
    public func finish(_ id: Int64, status: String, failureOrigin: String? = nil, failureMessage: String? = nil, failureType: String? = nil) { update(id) { job in
        job.status = status
        if !job.attempts.isEmpty {
            job.attempts[job.attempts.count - 1].status = status == "succeeded" ? "succeeded" : "failed"
            job.attempts[job.attempts.count - 1].failureOrigin = failureOrigin
            job.attempts[job.attempts.count - 1].failureMessage = failureMessage
            job.attempts[job.attempts.count - 1].failureType = failureType
        }
    } }

    public func job(_ id: Int64) -> AirbyteFakeJob? { jobs.first { $0.id == id } }
    public func inject(_ fault: AirbyteFakeFault) { faults.append(fault) }
    /// Every issued token stops being valid, as when its lifetime passes on the server.
    public func expireTokens() { for key in tokens.keys { tokens[key] = .distantPast } }
    public func clearExchanges() { exchanges = [] }

    private func update(_ id: Int64, _ change: (inout AirbyteFakeJob) -> Void) {
        guard let index = jobs.firstIndex(where: { $0.id == id }) else { return }
        change(&jobs[index])
        jobs[index].updatedAt = max(Self.wholeSeconds(Date()), jobs[index].createdAt)
    }

    static func wholeSeconds(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }

    // MARK: - Serving

    /// Answers one request and logs the exchange.
    public func answer(method: String, path: String, query: [String: String], rawQuery: String, authorization: String?, contentType: String?, body: Data) -> Answer {
        var answer = route(method: method, path: path, query: query, authorization: authorization, body: body)
        if let index = faults.firstIndex(where: { path.hasSuffix($0.pathSuffix) }) {
            let fault = faults[index]
            faults[index].times -= 1
            if faults[index].times <= 0 { faults.remove(at: index) }
            answer = Self.apply(fault.kind, to: answer)
        }
        exchanges.append(
            AirbyteExchange(
                method: method, path: path, query: rawQuery, requestContentType: contentType,
                requestBody: body.isEmpty ? nil : String(decoding: body, as: UTF8.self), status: answer.status,
                responseContentType: answer.contentType, responseBody: String(decoding: answer.body, as: UTF8.self)))
        return answer
    }

    static func apply(_ kind: AirbyteFakeFault.Kind, to answer: Answer) -> Answer {
        switch kind {
        case .serverError:
            return json(500, ["type": "https://reference.airbyte.com/reference/errors#unexpected-problem", "title": "unexpected-problem", "status": 500, "detail": "An unexpected problem has occurred."])
        case .htmlFromProxy:
            let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
            return Answer(status: 502, contentType: "text/html", body: Data(page.utf8))
        case .truncatedJSON:
            return Answer(status: answer.status, contentType: answer.contentType, body: answer.body.prefix(answer.body.count / 2))
        case .invalidJSON:
            return Answer(status: 200, contentType: "application/json", body: Data("{\"data\": [oops".utf8))
        case .delay(let seconds):
            var delayed = answer
            delayed.delaySeconds = seconds
            return delayed
        case .status(let status, let detail):
            return json(status, ["type": "https://reference.airbyte.com/reference/errors", "title": "status-\(status)", "status": status, "detail": detail], contentType: "application/problem+json")
        }
    }

    static func json(_ status: Int, _ object: Any, contentType: String = "application/json") -> Answer {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Answer(status: status, contentType: contentType, body: body)
    }
}

extension AirbyteFake {
    /// A connection's job ids, oldest first.
    public func jobs(of connectionID: String) -> [Int64] { jobs.filter { $0.connectionID == connectionID }.map(\.id) }
}
