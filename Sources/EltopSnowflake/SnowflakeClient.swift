import EltopHTTP
import Foundation

/// Runs statements through the Snowflake SQL API v2 and returns their whole result.
///
/// One `execute` is: POST the statement; on 202 poll its handle until it finishes (cancelling it if
/// eltop gives up first, so nothing keeps a warehouse busy for a dashboard that stopped looking);
/// fetch partitions 1…n-1; turn 401/408/422/429/5xx into `SnowflakeError`s. 429 and 503 are retried
/// a few times here, with the same request id and `retry=true` so Snowflake does not run the statement
/// twice; the poll runner's own backoff handles whatever still fails.
public final class SnowflakeClient: Sendable {
    public struct Options: Sendable {
        /// How long eltop waits for one statement, including 202 polling, before cancelling it.
        public var waitSeconds: Double = 45
        /// Retries of 429/503 answers within one `execute`.
        public var maxRetries = 2
        /// First pause between retries and between status polls; doubled each time, capped at 4 s.
        public var firstPauseSeconds: Double = 0.5

        public init() {}
    }

    private let baseURL: String
    private let credential: SnowflakeCredential
    private let http: HTTPClient
    private let options: Options
    private let now: @Sendable () -> Date

    public init(baseURL: URL, credential: SnowflakeCredential, http: HTTPClient = HTTPClient(userAgent: "eltop"), options: Options = Options(), now: @escaping @Sendable () -> Date = { Date() }) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.credential = credential
        self.http = http
        self.options = options
        self.now = now
    }

    /// Runs `statement` in `context` and returns every row of every partition.
    public func execute(_ statement: String, context: SnowflakeContext = SnowflakeContext()) async throws -> SnowflakeResultSet {
        let requestID = UUID().uuidString.lowercased()
        let started = now()
        var body: [String: Any] = ["statement": statement, "timeout": Int(options.waitSeconds.rounded(.up))]
        for (key, value) in [("database", context.database), ("schema", context.schema), ("warehouse", context.warehouse), ("role", context.role)] {
            if let value { body[key] = value }
        }
        let payload = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        var response = try await send(method: "POST", path: "/api/v2/statements?requestId=\(requestID)", body: payload, retryPath: "/api/v2/statements?requestId=\(requestID)&retry=true")
        while response.status == 202 {
            let answer = try decode(response)
            guard let handle = answer.statementHandle else { throw SnowflakeError.malformedResponse("202 without a statementHandle") }
            if now().timeIntervalSince(started) >= options.waitSeconds {
                await cancel(handle: handle)
                throw SnowflakeError.gaveUpWaiting(seconds: options.waitSeconds)
            }
            do {
                try await Task.sleep(nanoseconds: UInt64(options.firstPauseSeconds * 1_000_000_000))
            } catch {
                await cancel(handle: handle)
                throw error
            }
            response = try await send(method: "GET", path: "/api/v2/statements/\(handle)")
        }
        return try await collect(try decode(response))
    }

    /// Asks Snowflake to stop a statement eltop no longer waits for. Failure changes nothing the
    /// user can act on, so it is not reported.
    public func cancel(handle: String) async {
        _ = try? await send(method: "POST", path: "/api/v2/statements/\(handle)/cancel", body: Data("{}".utf8))
    }

    private func collect(_ first: StatementResponse) async throws -> SnowflakeResultSet {
        guard let meta = first.resultSetMetaData else { throw SnowflakeError.malformedResponse("no resultSetMetaData") }
        if let format = meta.format, format.lowercased() != "jsonv2" {
            throw SnowflakeError.malformedResponse("result format \(format), expected jsonv2")
        }
        var rows = first.data ?? []
        let partitions = meta.partitionInfo?.count ?? 1
        if partitions > 1 {
            guard let handle = first.statementHandle else { throw SnowflakeError.malformedResponse("several partitions but no statementHandle") }
            for partition in 1..<partitions {
                do {
                    let page = try decode(try await send(method: "GET", path: "/api/v2/statements/\(handle)?partition=\(partition)"))
                    rows += page.data ?? []
                } catch let failure as SnowflakeError {
                    throw SnowflakeError.partitionFailed(partition: partition + 1, of: partitions, reason: failure.description)
                }
            }
        }
        if let expected = meta.numRows, expected != rows.count {
            throw SnowflakeError.malformedResponse("numRows is \(expected) but the partitions held \(rows.count) rows")
        }
        return SnowflakeResultSet(columns: meta.rowType, rows: rows)
    }

    /// One HTTP exchange with auth headers, 401 renewal and 429/503 retries; returns 200 or 202.
    private func send(method: String, path: String, body: Data? = nil, retryPath: String? = nil) async throws -> HTTPResponse {
        var attempt = 0
        var renewed = false
        var pause = options.firstPauseSeconds
        while true {
            let url = baseURL + (attempt > 0 ? (retryPath ?? path) : path)
            let request = HTTPRequest(
                method: method, url: url,
                headers: [
                    ("Authorization", "Bearer \(try credential.bearerToken(now: now()))"),
                    ("X-Snowflake-Authorization-Token-Type", credential.tokenType),
                    ("Content-Type", "application/json"), ("Accept", "application/json"),
                ],
                body: body, timeoutSeconds: options.waitSeconds + 10)
            let response = try await http.send(request)
            switch response.status {
            case 200, 202:
                return response
            case 401 where !renewed:
                if case .keyPair = credential {
                    // A JWT can be refused for clock skew or a key rotated under us: sign anew once.
                    credential.invalidate()
                    renewed = true
                    continue
                }
                throw error(for: response)
            case 429 where attempt < options.maxRetries, 503 where attempt < options.maxRetries:
                attempt += 1
                let retryAfter = response.header("Retry-After").flatMap(Double.init) ?? pause
                try await Task.sleep(nanoseconds: UInt64(min(retryAfter, 4) * 1_000_000_000))
                pause = min(pause * 2, 4)
            default:
                throw error(for: response)
            }
        }
    }

    private func error(for response: HTTPResponse) -> SnowflakeError {
        let answer = try? StatementScan.read(response.body)
        let message = answer?.message ?? Self.htmlPage(response) ?? String(response.bodyText.prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
        switch response.status {
        case 401: return .unauthorized(code: answer?.code, message: message)
        case 408: return .statementTimedOut(message: message)
        case 422: return .statementFailed(code: answer?.code, sqlState: answer?.sqlState, message: message)
        case 429: return .rateLimited
        default: return .httpStatus(response.status, message: message)
        }
    }

    /// An HTML body means a proxy or gateway answered, not Snowflake: say so instead of putting the
    /// page's markup on screen.
    static func htmlPage(_ response: HTTPResponse) -> String? {
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let type = response.header("content-type")?.lowercased() ?? ""
        guard type.contains("text/html") || text.hasPrefix("<!doctype html") || text.hasPrefix("<html") else { return nil }
        return "an HTML page instead of JSON: a proxy or gateway answered, not Snowflake"
    }

    private func decode(_ response: HTTPResponse) throws -> StatementResponse {
        do {
            return try StatementScan.read(response.body)
        } catch {
            throw SnowflakeError.malformedResponse("HTTP \(response.status) body is not the documented JSON (\(response.bodyText.prefix(80)))")
        }
    }
}

/// Where a statement runs. Unset fields fall back to the user's defaults in Snowflake.
public struct SnowflakeContext: Sendable {
    public var database: String?
    public var schema: String?
    /// Only statements that scan data need one; metadata statements (SHOW) run without.
    public var warehouse: String?
    public var role: String?

    public init(database: String? = nil, schema: String? = nil, warehouse: String? = nil, role: String? = nil) {
        self.database = database
        self.schema = schema
        self.warehouse = warehouse
        self.role = role
    }
}
