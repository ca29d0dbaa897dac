import Foundation

/// Sends each request to its API's handlers after the auth check, and turns every error into the
/// answer the path's API gives. The same routes answer on every port the server listens on.
struct Router: Sendable {
    let backend: AirbyteBackend

    func handle(_ request: APIRequest) async -> APIResponse {
        guard let (family, path) = APIFamily.split(request.path) else {
            return APIError.notFound("No such path: \(request.path)").response(for: .publicAPI)
        }
        do throws(APIError) {
            if !Self.isOpen(path) {
                if case .refused(let challenge) = await backend.auth.check(authorization: request.authorization) {
                    throw APIError.unauthorized(challenge: challenge)
                }
            }
            switch family {
            case .publicAPI: return try await PublicRoutes.handle(request, path: path, backend: backend)
            case .configAPI: return try await ConfigRoutes.handle(request, path: path, backend: backend)
            }
        } catch {
            return error.response(for: family)
        }
    }

    /// Health checks are for monitors and the token endpoint is how a client gets its credential.
    static func isOpen(_ path: String) -> Bool { path == "/health" || path == "/applications/token" }
}
