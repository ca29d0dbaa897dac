import Foundation

/// Rules for where eltop sends Snowflake credentials.
///
/// `SNOWFLAKE_HOST` exists for proxies and for the tests' loopback server. Plain http would send the
/// JWT or token in clear text, so it is accepted only when the host is this machine.
public enum SnowflakeHost {
    /// `host`, `host:port` or a URL → base URL. No scheme means https.
    public static func baseURL(from host: String) -> Result<URL, InvalidSetting> {
        var text = host.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        if !text.contains("://") { text = "https://" + text }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let hostName = components.host, !hostName.isEmpty, let url = components.url
        else {
            return .failure(InvalidSetting("\"\(ConnectionStringRedaction.redact(host))\" is not a host name or URL"))
        }
        switch scheme {
        case "https":
            return .success(url)
        case "http" where isLoopback(hostName):
            return .success(url)
        case "http":
            return .failure(
                InvalidSetting("plain http to \(hostName) would send credentials unencrypted; it is allowed only for a loopback host"))
        default:
            return .failure(InvalidSetting("scheme \(scheme) is not supported; use https"))
        }
    }

    /// localhost, 127.0.0.0/8 and ::1.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// An account identifier becomes part of a host name: letters, digits, `-`, `_` and the `.` of
    /// a legacy locator with region.
    static func isValidAccount(_ account: String) -> Bool {
        !account.isEmpty && !account.hasPrefix(".") && !account.hasSuffix(".")
            && account.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }
}
