import Foundation

/// Where the metrics server listens: `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or a bare `PORT` (both on loopback).
///
/// Loopback is the default because `/snapshot.json` shows the pipeline's table names, errors and job
/// history to whoever can reach the port; listening anywhere else is allowed (a Prometheus on another
/// host needs it) but warned about, the way postgres_exporter's users are told to firewall 9187.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    /// 39187: the Prometheus wiki's default-port allocations fill 9100–9999 (9187 is postgres_exporter's),
    /// and exporters registered since pick above that range; see docs/metrics.md.
    public static let defaultPort = 39187
    public static let `default` = ListenAddress(host: "127.0.0.1", port: defaultPort)

    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses what `--metrics` or `metrics.listen` says; the error names the accepted forms.
    public init(parsing text: String) throws(ListenAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var host = "127.0.0.1", portText = trimmed
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].hasPrefix(":") else {
                throw ListenAddressError(text: text)
            }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            portText = String(trimmed[trimmed.index(close, offsetBy: 2)...])
        } else if let colon = trimmed.lastIndex(of: ":") {
            let named = trimmed[..<colon]
            guard !named.contains(":") else { throw ListenAddressError(text: text) }
            if !named.isEmpty { host = String(named) }
            portText = String(trimmed[trimmed.index(after: colon)...])
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { throw ListenAddressError(text: text) }
        self.init(host: host == "localhost" ? "127.0.0.1" : host, port: port)
    }

    /// True for 127.0.0.0/8 and ::1: nobody else on the network can connect.
    public var isLoopback: Bool {
        host == "::1" || host.split(separator: ".").first == "127"
    }

    public var isIPv6: Bool { host.contains(":") }

    /// The warning a non-loopback address earns, or nil on loopback.
    public var exposureWarning: String? {
        guard !isLoopback else { return nil }
        return "metrics listen on \(self), reachable beyond this host: /metrics and /snapshot.json show table names, errors and job history; "
            + "restrict the port with a firewall, or listen on 127.0.0.1"
    }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public struct ListenAddressError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "cannot listen on \"\(text)\": use HOST:PORT (127.0.0.1:\(ListenAddress.defaultPort)), [::1]:PORT or :PORT, with a port 0–65535"
    }
}
