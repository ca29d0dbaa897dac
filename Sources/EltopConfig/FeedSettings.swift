import EltopCore
import Foundation

/// What every polled area's configuration tells the dashboard before its first poll: whether it is
/// configured at all, what to set if not, and how often to poll.
public protocol FeedSettings {
    var isConfigured: Bool { get }
    /// One line for the pane when the area is not configured, naming the env var and the YAML key.
    var configureHint: String { get }
    var pollIntervalSeconds: TimeInterval { get }
}

extension Config {
    /// The settings of the area behind `feed`.
    public func settings(for feed: Feed) -> FeedSettings {
        switch feed {
        case .source: return source
        case .airbyte: return airbyte
        case .warehouse: return warehouse
        case .dbt: return dbt
        }
    }

    /// The health a feed starts with: configured or not, its hint and its poll interval.
    public func initialHealth(for feed: Feed) -> FeedHealth {
        let settings = settings(for: feed)
        return FeedHealth(
            configured: settings.isConfigured, configureHint: unconfiguredHints[feed] ?? settings.configureHint, pollInterval: settings.pollIntervalSeconds)
    }
}
