import Foundation

/// What the route handlers work on: the connection, the jobs, the auth and the clock.
struct AirbyteBackend: Sendable {
    let connection: DemoConnection
    let jobs: JobService
    let auth: Authenticator
    let clock: @Sendable () -> Date

    var now: Int64 { JobStore.seconds(clock()) }

    func connection(_ id: String) throws(APIError) -> DemoConnection {
        guard id.lowercased() == connection.id.lowercased() else { throw APIError.notFound("Could not find connection with id: \(id)") }
        return connection
    }

    func job(_ id: Int64) async throws(APIError) -> DemoJobRecord {
        guard let job = await jobs.store.job(id) else { throw APIError.notFound("Could not find job with id: \(id)") }
        return job
    }

    /// Starts a job of the connection; a second one while one is active is the 409 of both APIs.
    func start(connectionID: String, kind: DemoJobKind) async throws(APIError) -> DemoJobRecord {
        let connection = try connection(connectionID)
        do {
            return try await jobs.start(connectionID: connection.id, kind: kind)
        } catch is DemoJobConflict {
            throw APIError.conflict("A sync is already running for: \(connection.id)")
        } catch {
            throw APIError.unexpected("The job could not be recorded in the history file: \(error)")
        }
    }

    func cancel(_ id: Int64) async throws(APIError) -> DemoJobRecord {
        let found: DemoJobRecord?
        do { found = try await jobs.cancel(id) } catch { throw APIError.unexpected("The cancellation could not be recorded in the history file: \(error)") }
        guard let found else { throw APIError.notFound("Could not find job with id: \(id)") }
        return found
    }

    /// A token for client credentials; 401 for wrong ones, 404 when this server does not use them.
    func token(_ request: TokenRequest) async throws(APIError) -> TokenIssuer.Issued {
        guard let issuer = auth.tokens else { throw APIError.notFound("This server does not issue tokens: its auth mode is \(auth.mode.name).") }
        guard let issued = await issuer.issue(clientID: request.client_id, clientSecret: request.client_secret) else {
            throw APIError.unauthorized(challenge: #"Bearer realm="Airbyte""#)
        }
        return issued
    }
}
