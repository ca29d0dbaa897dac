import Foundation

/// Why the demo's Airbyte server could not start or run, each saying what to do about it.
public enum DemoAirbyteError: Error, Sendable, Equatable, CustomStringConvertible {
    case portInUse(Int)
    case cannotListen(port: Int, reason: String)
    case badSchedule(String)
    case unreadableHistory(path: String, reason: String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            "port \(port) on 127.0.0.1 is already taken by another program: stop it, choose another port, or leave the port out to get a free one"
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port): \(reason)"
        case .badSchedule(let reason):
            "bad --sync-every: \(reason)"
        case .unreadableHistory(let path, let reason):
            "the job history \(path) is not readable JSON (\(reason)): move it away to start with an empty history"
        }
    }
}
