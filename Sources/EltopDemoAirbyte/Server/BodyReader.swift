import FlyingFox
import Foundation
import Synchronization

/// Reads a request body up to a size limit and a deadline: a declared length over the limit is refused
/// before reading, a chunked body as soon as it passes the limit, a body still arriving at the deadline
/// with 408.
enum BodyReader {
    static func read(_ request: HTTPRequest, limit: Int, deadline: Duration) async throws(APIError) -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw APIError.payloadTooLarge(limit: limit) }
        let body = request.bodySequence
        let once = OnceResult()
        let outcome: Result<Data, APIError> = await withCheckedContinuation { continuation in
            once.set(continuation)
            let reader = Task {
                var data = Data()
                do {
                    for try await chunk in body {
                        data.append(chunk)
                        if data.count > limit {
                            once.finish(.failure(.payloadTooLarge(limit: limit)))
                            return
                        }
                    }
                    once.finish(.success(data))
                } catch {
                    once.finish(.failure(.malformedJSON("the body could not be read: \(error)")))
                }
            }
            Task {
                try? await Task.sleep(for: deadline)
                if once.finish(.failure(.requestTimeout)) { reader.cancel() }
            }
        }
        return try outcome.get()
    }
}

/// Resumes a continuation with the first result only: the reader and the deadline race for it.
private final class OnceResult: Sendable {
    private let state = Mutex<(CheckedContinuation<Result<Data, APIError>, Never>?, Bool)>((nil, false))

    func set(_ continuation: CheckedContinuation<Result<Data, APIError>, Never>) {
        state.withLock { $0.0 = continuation }
    }

    /// True when this call was the first to finish.
    @discardableResult
    func finish(_ result: Result<Data, APIError>) -> Bool {
        let continuation: CheckedContinuation<Result<Data, APIError>, Never>? = state.withLock { value in
            guard !value.1 else { return nil }
            value.1 = true
            return value.0
        }
        continuation?.resume(returning: result)
        return continuation != nil
    }
}
