import Crypto
import EltopTestSupport
import FlyingFox
import Foundation
import _CryptoExtras

/// A loopback server that behaves as the Snowflake SQL API v2 documents, for contract tests.
///
/// It checks every request as Snowflake would: a Bearer token whose type header matches; for
/// `KEYPAIR_JWT` an RS256 signature that verifies with the user's public key, `iss`/`sub` naming
/// the account and user with the key's fingerprint, and an `exp` in the future at most an hour after
/// `iat`. Statements are answered from a script keyed by statement text.
/// `@unchecked Sendable`: its scripts and the requests it saw change only under its lock, from the
/// server's handler tasks; tests read them after the requests were answered.
public final class FakeSQLAPI: @unchecked Sendable {
    /// How the server answers one statement.
    public enum Script {
        /// 200 with `partitions` pages (the rows split evenly; later pages via `?partition=N`).
        case result(SQLAPIFixture, partitions: Int = 1)
        /// 202 for the POST and the next `polls - 1` status GETs, then the result.
        case running(polls: Int, then: SQLAPIFixture)
        /// 422 with Snowflake's error fields.
        case sqlError(code: String, sqlState: String, message: String)
        /// 429 `times` times, then the script.
        case rateLimited(times: Int, then: SQLAPIFixture)
    }

    /// A fault laid over every script until cleared: what a fault test turns on and off.
    public enum Fault {
        /// 408 on every statement, as Snowflake answers when `STATEMENT_TIMEOUT_IN_SECONDS` is exceeded.
        case statementTimedOut
        /// Partition pages (`?partition=N`) fail with `status` and an HTML body, as from a proxy.
        case partitionFetchFails(status: Int)
        /// 429 on every statement, with `Retry-After: 0` so a test does not wait out the retries.
        case rateLimited
        /// 422 on every statement, as when the role lost its grants on the database.
        case statementFails(code: String, sqlState: String, message: String)
    }

    public struct Seen: Sendable {
        public var method: String
        public var path: String
        public var tokenType: String?
        public var statement: String?
        public var warehouse: String?
        /// Sent with `retry=true`: a retry of a request Snowflake may already have run.
        public var retried: Bool
    }

    public let loopback: LoopbackServer
    public let publicKey: _RSA.Signing.PublicKey?
    public let expectedSubject: String
    public var acceptedTokens: [String: String] = [:]  // token → type
    private let lock = NSLock()
    private var scripts: [String: Script] = [:]
    private var running: [String: (left: Int, then: SQLAPIFixture, partitions: Int)] = [:]
    private var results: [String: (SQLAPIFixture, Int)] = [:]
    private var rateLimitsLeft: [String: Int] = [:]
    private(set) var seen: [Seen] = []
    private(set) var cancelled: [String] = []
    private var activeFault: Fault?
    private var clockOffset: TimeInterval = 0
    private var refusedTokens = 0

    public init(publicKey: _RSA.Signing.PublicKey?, account: String, user: String) throws {
        loopback = try LoopbackServer()
        self.publicKey = publicKey
        expectedSubject = "\(account).\(user)"
    }

    public var baseURL: URL { URL(string: loopback.baseURL)! }

    public func script(_ statement: String, _ script: Script) {
        lock.withLock { scripts[statement] = script }
    }

    /// Turns a fault on (or off with nil) for the requests that follow.
    public func inject(_ fault: Fault?) {
        lock.withLock { activeFault = fault }
    }

    /// Moves the clock the server checks a JWT's `exp` against: a server whose clock is ahead of eltop's.
    public func setClockOffset(_ seconds: TimeInterval) {
        lock.withLock { clockOffset = seconds }
    }

    /// How many requests were refused with 401.
    public var unauthorizedCount: Int { lock.withLock { refusedTokens } }

    public var requests: [Seen] { lock.withLock { seen } }
    public var cancels: [String] { lock.withLock { cancelled } }

    public func start() async throws {
        let server = loopback.server
        await server.appendRoute("POST /api/v2/statements") { [unowned self] request in try await self.submit(request) }
        await server.appendRoute("GET /api/v2/statements/*") { [unowned self] request in self.status(request) }
        await server.appendRoute("POST /api/v2/statements/*/cancel") { [unowned self] request in self.cancel(request) }
        try await loopback.start()
    }

    public func stop() async { await loopback.stop() }

    // MARK: - Handlers

    private func submit(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await request.bodyData
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let statement = json["statement"] as? String ?? ""
        record(request, statement: statement, warehouse: json["warehouse"] as? String)
        if let refusal = authenticate(request) { return refusal }
        let requestID = request.query["requestId"] ?? "none"
        return lock.withLock { () -> HTTPResponse in
            switch activeFault {
            case .statementTimedOut:
                return Self.json(408, SQLAPIFixture.error(code: "000630", sqlState: "57014", message: "Statement reached its statement or warehouse timeout of 30 second(s) and was canceled."))
            case .rateLimited:
                return HTTPResponse(statusCode: HTTPStatusCode(429, phrase: "Too Many Requests"), headers: [HTTPHeader("Retry-After"): "0"])
            case .statementFails(let code, let sqlState, let message):
                return Self.json(422, SQLAPIFixture.error(code: code, sqlState: sqlState, message: message))
            case .partitionFetchFails, nil:
                break
            }
            guard let script = scripts[statement] else {
                return Self.json(422, SQLAPIFixture.error(code: "001003", sqlState: "42000", message: "SQL compilation error: syntax error (no script for \(statement))"))
            }
            let handle = "01b" + requestID.replacingOccurrences(of: "-", with: "").prefix(16)
            switch script {
            case .result(let fixture, let partitions):
                results[handle] = (fixture, partitions)
                return Self.json(200, fixture.firstPage(handle: handle, partitions: partitions))
            case .running(let polls, let fixture):
                running[handle] = (polls - 1, fixture, 1)
                return Self.json(202, SQLAPIFixture.inProgress(handle: handle))
            case .sqlError(let code, let sqlState, let message):
                return Self.json(422, SQLAPIFixture.error(code: code, sqlState: sqlState, message: message, handle: handle))
            case .rateLimited(let times, let fixture):
                let left = rateLimitsLeft[statement] ?? times
                if left > 0 {
                    rateLimitsLeft[statement] = left - 1
                    return HTTPResponse(statusCode: HTTPStatusCode(429, phrase: "Too Many Requests"), headers: [HTTPHeader("Retry-After"): "0"])
                }
                results[handle] = (fixture, 1)
                return Self.json(200, fixture.firstPage(handle: handle, partitions: 1))
            }
        }
    }

    private func status(_ request: HTTPRequest) -> HTTPResponse {
        record(request, statement: nil, warehouse: nil)
        if let refusal = authenticate(request) { return refusal }
        let handle = String(request.path.split(separator: "/").last ?? "")
        return lock.withLock { () -> HTTPResponse in
            if let job = running[handle] {
                if job.left > 0 {
                    running[handle]!.left -= 1
                    return Self.json(202, SQLAPIFixture.inProgress(handle: handle))
                }
                running[handle] = nil
                results[handle] = (job.then, job.partitions)
                return Self.json(200, job.then.firstPage(handle: handle, partitions: 1))
            }
            guard let (fixture, partitions) = results[handle] else {
                return Self.json(422, SQLAPIFixture.error(code: "000709", sqlState: "02000", message: "Statement \(handle) not found"))
            }
            if let partition = request.query["partition"].flatMap(Int.init) {
                if case .partitionFetchFails(let status) = activeFault {
                    return HTTPResponse(
                        statusCode: HTTPStatusCode(status, phrase: "Bad Gateway"), headers: [.contentType: "text/html"],
                        body: Data("<html><body><h1>\(status) Bad Gateway</h1></body></html>".utf8))
                }
                return Self.json(200, fixture.page(partition, of: partitions))
            }
            return Self.json(200, fixture.firstPage(handle: handle, partitions: partitions))
        }
    }

    private func cancel(_ request: HTTPRequest) -> HTTPResponse {
        record(request, statement: nil, warehouse: nil)
        if let refusal = authenticate(request) { return refusal }
        let parts = request.path.split(separator: "/")
        let handle = String(parts[parts.count - 2])
        lock.withLock {
            cancelled.append(handle)
            running[handle] = nil
        }
        return Self.json(200, #"{"code":"000604","message":"Statement canceled.","sqlState":"57014","statementHandle":"\#(handle)"}"#)
    }

    private func record(_ request: HTTPRequest, statement: String?, warehouse: String?) {
        let type = request.headers[HTTPHeader("X-Snowflake-Authorization-Token-Type")]
        let retried = request.query["retry"] == "true"
        lock.withLock { seen.append(Seen(method: request.method.rawValue, path: request.path, tokenType: type, statement: statement, warehouse: warehouse, retried: retried)) }
    }

    // MARK: - Authentication as the SQL API does it

    private func authenticate(_ request: HTTPRequest) -> HTTPResponse? {
        let refusal = check(request)
        if refusal != nil { lock.withLock { refusedTokens += 1 } }
        return refusal
    }

    private func check(_ request: HTTPRequest) -> HTTPResponse? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return Self.json(401, #"{"code":"390101","message":"Authorization header not found in the request data."}"#)
        }
        let token = String(header.dropFirst("Bearer ".count))
        let type = request.headers[HTTPHeader("X-Snowflake-Authorization-Token-Type")]
        if let expected = acceptedTokens[token] {
            return type == expected ? nil : Self.json(401, #"{"code":"390303","message":"Invalid OAuth access token."}"#)
        }
        guard type == "KEYPAIR_JWT" else { return Self.json(401, #"{"code":"390303","message":"Invalid token type."}"#) }
        let now = Date().addingTimeInterval(lock.withLock { clockOffset })
        if let problem = JWTCheck.problem(token, publicKey: publicKey, subject: expectedSubject, now: now) {
            return Self.json(401, #"{"code":"390144","message":"JWT token is invalid. [\#(problem)]"}"#)
        }
        return nil
    }

    static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status"), headers: [.contentType: "application/json"], body: Data(body.utf8))
    }
}

/// Verifies a key-pair JWT the way Snowflake does; returns what is wrong, or nil when it is good.
public enum JWTCheck {
    public static func problem(_ token: String, publicKey: _RSA.Signing.PublicKey?, subject: String, now: Date = Date()) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = decode(parts[0]), let claimsData = decode(parts[1]), let signature = decode(parts[2]) else {
            return "not a JWT"
        }
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any], header["alg"] as? String == "RS256" else {
            return "alg is not RS256"
        }
        guard let publicKey else { return "no public key registered" }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5) else {
            return "bad signature"
        }
        guard let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any],
            let iss = claims["iss"] as? String, let sub = claims["sub"] as? String,
            let iat = claims["iat"] as? Int, let exp = claims["exp"] as? Int
        else { return "claims missing" }
        let fingerprint = "SHA256:" + Data(SHA256.hash(data: publicKey.derRepresentation)).base64EncodedString()
        if sub != subject { return "sub \(sub) is not \(subject)" }
        if iss != "\(subject).\(fingerprint)" { return "iss \(iss) does not name the key" }
        if exp - iat > 3600 { return "lifetime over an hour" }
        if Double(exp) <= now.timeIntervalSince1970 { return "expired" }
        return nil
    }

    public static func decode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

extension FakeSQLAPI {
    /// One key pair for every test of the process that does not care which: a 2048-bit RSA key takes
    /// a second or more to generate in a debug build.
    private static let sharedKey = Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    /// A started fake for MYORG-MYACCOUNT / ELTOP_MONITOR with the process's shared key pair, and the
    /// private key's PEM file for eltop's `private_key_path` (the caller removes it).
    public static func startedWithKeyFile(named prefix: String) async throws -> (api: FakeSQLAPI, keyPath: String) {
        let key = try sharedKey.get()
        let keyPath = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString).p8"
        try key.pemRepresentation.write(toFile: keyPath, atomically: true, encoding: .utf8)
        let api = try FakeSQLAPI(publicKey: key.publicKey, account: "MYORG-MYACCOUNT", user: "ELTOP_MONITOR")
        try await api.start()
        return (api, keyPath)
    }
}
