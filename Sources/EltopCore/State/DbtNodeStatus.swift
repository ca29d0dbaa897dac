/// A dbt node's status: what `run_results.json` and dbt's JSON log say, plus the two states eltop
/// shows while its own run goes (`queued`, `running`) and the two it gives a node its run left
/// without a result (`cancelled`, `unknown`).
///
/// Coded as dbt's own strings, so `snapshot --json` and a recording keep the values dbt wrote; a
/// status a newer dbt invents is kept as `.other` with its string rather than lost.
public enum DbtNodeStatus: Hashable, Sendable, OpenStatus {
    case success, error, skipped, pass, fail, warn
    /// dbt's `runtime error` (source freshness could not be checked).
    case runtimeError
    /// dbt's `no-op` (a node with nothing to execute).
    case noOp
    /// dbt's `partial success` (a microbatch model with some failed batches).
    case partialSuccess
    case queued, running, cancelled
    /// eltop's run ended while the node was still running and dbt never reported its result.
    case unknown
    case other(String)

    /// Every status but `.other`, for decoding.
    private static let named: [DbtNodeStatus] = [
        .success, .error, .skipped, .pass, .fail, .warn, .runtimeError, .noOp, .partialSuccess, .queued, .running, .cancelled, .unknown,
    ]

    public init(rawValue: String) {
        // dbt's log says `started` for a node it has begun: for the table that is running.
        if rawValue == "started" {
            self = .running
            return
        }
        self = Self.named.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    /// dbt's string for the status.
    public var rawValue: String {
        switch self {
        case .success: return "success"
        case .error: return "error"
        case .skipped: return "skipped"
        case .pass: return "pass"
        case .fail: return "fail"
        case .warn: return "warn"
        case .runtimeError: return "runtime error"
        case .noOp: return "no-op"
        case .partialSuccess: return "partial success"
        case .queued: return "queued"
        case .running: return "running"
        case .cancelled: return "cancelled"
        case .unknown: return "unknown"
        case .other(let text): return text
        }
    }

    /// How much attention the result asks for; nil for the states that are not a result.
    public var severity: Severity? {
        switch self {
        case .error, .fail, .runtimeError: return .crit
        case .warn, .partialSuccess, .cancelled, .unknown: return .warn
        case .success, .pass, .skipped, .noOp: return .ok
        case .queued, .running, .other: return nil
        }
    }

    /// A result that failed: an error, a failing test, freshness that could not run.
    public var isFailure: Bool { severity == .crit }

    /// The order a status line lists statuses in: problems first, then what is going, then the rest,
    /// so the line does not jump between frames.
    public var listOrder: Int {
        switch self {
        case .error: return 0
        case .fail: return 1
        case .runtimeError: return 2
        case .warn: return 3
        case .partialSuccess: return 4
        case .running: return 5
        case .queued: return 6
        case .success: return 7
        case .pass: return 8
        case .noOp: return 9
        case .skipped: return 10
        case .cancelled: return 11
        case .unknown: return 12
        case .other: return 13
        }
    }
}

extension DbtNodeStatus {
    /// How many nodes are in each status; nodes that have not run are left out.
    public static func tally(_ nodes: [DbtNode]) -> [DbtNodeStatus: Int] {
        nodes.reduce(into: [:]) { counts, node in
            if let status = node.status { counts[status, default: 0] += 1 }
        }
    }
}
