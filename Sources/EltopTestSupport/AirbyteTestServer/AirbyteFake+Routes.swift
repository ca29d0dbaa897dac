import Foundation

/// The endpoints, each answering what the spec's schema says (required fields always present).
extension AirbyteFake {
    var publicPrefix: String { hasConfigAPI ? "/api/public/v1" : "/v1" }

    func route(method: String, path: String, query: [String: String], authorization: String?, body: Data) -> Answer {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        if method == "POST" && path == publicPrefix + "/applications/token" { return issueToken(object) }
        if let refusal = checkAuth(authorization) { return refusal }
        let parts = path.split(separator: "/").map(String.init)
        switch (method, path) {
        case ("GET", publicPrefix + "/connections"):
            return Self.json(200, ["data": connections.map(connectionJSON)])
        case ("GET", _) where path.hasPrefix(publicPrefix + "/connections/"):
            guard let connection = connections.first(where: { $0.id == parts.last }) else { return notFound("connection") }
            return Self.json(200, connectionJSON(connection))
        case ("GET", publicPrefix + "/jobs"):
            return listJobs(query)
        case ("POST", publicPrefix + "/jobs"):
            return triggerSync(object)
        case ("DELETE", _) where path.hasPrefix(publicPrefix + "/jobs/"):
            guard let id = parts.last.flatMap({ Int64($0) }), let job = job(id) else { return notFound("job") }
            if job.isActive { finish(id, status: "cancelled") }
            return Self.json(200, publicJobJSON(self.job(id)!))
        case ("POST", "/api/v1/connections/status") where hasConfigAPI:
            let ids = object["connectionIds"] as? [String] ?? []
            return Self.json(200, ids.compactMap(statusJSON))
        case ("POST", "/api/v1/connections/sync_progress") where hasConfigAPI:
            return syncProgress(object["connectionId"] as? String ?? "")
        case ("POST", "/api/v1/jobs/get") where hasConfigAPI:
            guard let id = (object["id"] as? NSNumber)?.int64Value, let job = job(id) else { return notFound("job") }
            return Self.json(200, ["job": configJobJSON(job), "attempts": attemptsJSON(job)])
        default:
            return notFound("path")
        }
    }

    private func issueToken(_ body: [String: Any]) -> Answer {
        guard case .clientCredentials(let id, let secret, let lifetime) = auth else { return notFound("path") }
        guard body["client_id"] as? String == id, body["client_secret"] as? String == secret else {
            return Self.json(401, ["message": "Invalid client credentials"])
        }
        tokensIssued += 1
        let token = "token-\(tokensIssued)-\(UUID().uuidString.prefix(8))"
        tokens[token] = Date().addingTimeInterval(TimeInterval(lifetime))
        return Self.json(200, ["access_token": token, "token_type": "Bearer", "expires_in": lifetime])
    }

    private func checkAuth(_ header: String?) -> Answer? {
        let ok: Bool
        switch auth {
        case .none: ok = true
        case .basic(let user, let password): ok = header == "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case .bearer(let token): ok = header == "Bearer " + token
        case .clientCredentials:
            let token = header.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            ok = token.flatMap { tokens[$0] }.map { $0 > Date() } ?? false
        }
        return ok ? nil : Self.json(401, ["message": "Unauthorized"])
    }

    private func notFound(_ what: String) -> Answer {
        Self.json(404, ["type": "https://reference.airbyte.com/reference/errors#resource-not-found", "title": "resource-not-found", "status": 404, "detail": "\(what) not found"], contentType: "application/problem+json")
    }

    private func listJobs(_ query: [String: String]) -> Answer {
        var list = jobs.filter { job in
            (query["connectionId"].map { $0 == job.connectionID } ?? true) && (query["status"].map { $0 == job.status } ?? true)
        }
        // Oldest first unless asked otherwise, as the real server does.
        list.sort { $0.createdAt == $1.createdAt ? $0.id < $1.id : $0.createdAt < $1.createdAt }
        if query["orderBy"] == "createdAt|DESC" { list.reverse() }
        let limit = min(100, max(1, Int(query["limit"] ?? "") ?? 20))
        return Self.json(200, ["data": list.prefix(limit).map(publicJobJSON)])
    }

    private func triggerSync(_ body: [String: Any]) -> Answer {
        syncRequests += 1
        guard let id = body["connectionId"] as? String, body["jobType"] as? String == "sync" else {
            return Self.json(400, ["title": "bad-request", "status": 400, "detail": "connectionId and jobType are required"], contentType: "application/problem+json")
        }
        guard connections.contains(where: { $0.id == id }) else { return notFound("connection") }
        if jobs.contains(where: { $0.connectionID == id && $0.isActive }) {
            return Self.json(
                409,
                ["type": "https://reference.airbyte.com/reference/errors#try-again-later", "title": "try-again-later", "status": 409,
                 "detail": "A sync is already running for: \(id)"], contentType: "application/problem+json")
        }
        let jobID = createJob(connectionID: id, status: "pending")
        return Self.json(200, publicJobJSON(job(jobID)!))
    }

    private func syncProgress(_ connectionID: String) -> Answer {
        guard let job = jobs.last(where: { $0.connectionID == connectionID && $0.isActive }) else {
            return Self.json(200, ["connectionId": connectionID, "streams": [], "configType": "sync"])
        }
        let streams = job.streams.map { s -> [String: Any] in
            var item: [String: Any] = [
                "streamName": s.name, "recordsEmitted": s.recordsEmitted, "recordsCommitted": s.recordsCommitted,
                "bytesEmitted": s.bytesEmitted, "bytesCommitted": s.bytesCommitted, "configType": "sync",
            ]
            if let ns = s.namespace { item["streamNamespace"] = ns }
            return item
        }
        return Self.json(200, [
            "connectionId": connectionID, "jobId": job.id, "configType": "sync", "streams": streams,
            "recordsEmitted": job.streams.reduce(0) { $0 + $1.recordsEmitted }, "recordsCommitted": job.recordsCommitted,
            "bytesEmitted": job.streams.reduce(0) { $0 + $1.bytesEmitted }, "bytesCommitted": job.bytesCommitted,
            "syncStartedAt": Int64(job.createdAt.timeIntervalSince1970),
        ])
    }
}
