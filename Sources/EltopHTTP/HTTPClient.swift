import CLibcurl
import Dispatch
import Foundation
import Synchronization

/// An HTTP client on libcurl, usable from async code.
///
/// Each client owns one easy handle and one serial queue: transfers run there, never on Swift's
/// cooperative threads, and the handle is reused so keep-alive connections (and TLS sessions) survive
/// between polls. TLS verification is libcurl's default (on) and is never turned off; proxies come from
/// the usual `http_proxy`/`https_proxy`/`no_proxy` variables, which libcurl reads itself.
///
/// A cancelled task's request ends within a second (libcurl's progress callback asks after it at least
/// that often), and one still waiting for the queue never starts: quitting eltop must not wait out a
/// request's timeout against a server that accepted the connection and never answers.
///
/// `@unchecked Sendable` because the one mutable field, `handle`, is confined to `queue`; the compiler
/// cannot see queue confinement, and an actor would run blocking curl calls on the cooperative pool.
public final class HTTPClient: @unchecked Sendable {
    public let userAgent: String
    private let queue = DispatchQueue(label: "eltop.http")
    private var handle: UnsafeMutableRawPointer?  // CURL*, touched only on `queue`

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(userAgent: String) {
        _ = Self.globalInit
        self.userAgent = userAgent
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    /// Performs the request. Any HTTP status is a response; only transport failures throw.
    /// A cancelled task throws `CancellationError`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let sink = ResponseSink()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try self.perform(request, into: sink) }) }
            }
        } onCancel: {
            sink.cancelled.store(true, ordering: .relaxed)
        }
    }

    private func perform(_ request: HTTPRequest, into sink: ResponseSink) throws -> HTTPResponse {
        guard !sink.cancelled.load(ordering: .relaxed) else { throw CancellationError() }
        if handle == nil { handle = curl_easy_init() }
        guard let curl = handle else { throw HTTPTransportError(code: -1, message: "libcurl could not start a transfer") }
        curl_easy_reset(curl)
        let sinkPointer = Unmanaged.passRetained(sink).toOpaque()
        defer { Unmanaged<ResponseSink>.fromOpaque(sinkPointer).release() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        if request.body != nil && !request.headers.contains(where: { $0.name.lowercased() == "expect" }) {
            headerList = curl_slist_append(headerList, "Expect:")  // no 100-continue round trip for small bodies
        }
        defer { curl_slist_free_all(headerList) }

        eltop_curl_setopt_string(curl, CURLOPT_URL, request.url)
        eltop_curl_setopt_string(curl, CURLOPT_USERAGENT, userAgent)
        eltop_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        eltop_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeoutSeconds * 1000))
        eltop_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Int(request.timeoutSeconds * 1000))
        eltop_curl_setopt_string(curl, CURLOPT_ACCEPT_ENCODING, "")
        eltop_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList)
        eltop_curl_setopt_write_callback(curl, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
            sink.body.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        })
        eltop_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, sinkPointer)
        eltop_curl_setopt_write_callback(curl, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
            sink.addHeaderLine(Data(bytes: data!, count: size * count))
            return size * count
        })
        eltop_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, sinkPointer)
        eltop_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
        eltop_curl_setopt_xferinfo_callback(curl, { context, _, _, _, _ in
            Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
        })
        eltop_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, sinkPointer)

        let method = request.method.uppercased()
        switch method {
        case "GET": eltop_curl_setopt_long(curl, CURLOPT_HTTPGET, 1)
        case "HEAD": eltop_curl_setopt_long(curl, CURLOPT_NOBODY, 1)
        default: eltop_curl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, method)
        }
        let bodyLength = request.body?.count ?? 0
        var payload = [UInt8](request.body ?? Data()) + [0]  // NUL-terminated, so even an empty body has an address
        let code: CURLcode = payload.withUnsafeMutableBytes { bytes in
            if method != "GET" && method != "HEAD" {
                eltop_curl_setopt_long(curl, CURLOPT_POSTFIELDSIZE, bodyLength)
                eltop_curl_setopt_pointer(curl, CURLOPT_POSTFIELDS, bytes.baseAddress)
            }
            return curl_easy_perform(curl)
        }
        if code == CURLE_ABORTED_BY_CALLBACK { throw CancellationError() }
        guard code == CURLE_OK else {
            throw HTTPTransportError(code: Int(code.rawValue), message: Self.describe(code, url: request.url))
        }
        var status = 0
        eltop_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private static func describe(_ code: CURLcode, url: String) -> String {
        let text = String(cString: curl_easy_strerror(code))
        let host = URLComponents(string: url).map { ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") } ?? url
        return "\(host): \(text)"
    }
}

/// Collects a response's body and headers from libcurl's callbacks, and carries the task's cancellation
/// to the progress callback.
///
/// `@unchecked Sendable`: `body` and `headers` are touched only on the client's queue, inside
/// `curl_easy_perform`; the one field set from elsewhere, `cancelled`, is atomic.
private final class ResponseSink: @unchecked Sendable {
    let cancelled = Atomic<Bool>(false)
    var body = Data()
    var headers: [String: String] = [:]

    func addHeaderLine(_ line: Data) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after 100-continue or a redirect): start again
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
