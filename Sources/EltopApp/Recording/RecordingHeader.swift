import EltopCore
import Foundation

/// The first line of every recording file: what a replay needs to draw what the live screen showed, and
/// the format version that says whether this eltop can read the rest.
///
/// The config appears only as its shape (which feeds were configured, how often each polled): never a
/// URL, a user or a password, so a recording can be attached to an incident ticket.
public struct RecordingHeader: Codable, Equatable, Sendable {
    /// The version of the line format. A reader refuses any other number rather than misread it.
    public static let currentFormat = 1

    public var format: Int
    public var eltopVersion: String
    /// When this file was started (the first of a rotation's files keeps the recording's start too).
    public var startedAt: Date
    /// The time zone the live screen showed times in: a replay shows them the same way and `--at HH:MM` reads them in it.
    public var timeZone: String
    /// The live terminal's size; a replay at another size draws the same panes laid out differently.
    public var terminal: Size
    /// "unicode" or "ascii".
    public var glyphs: String
    public var theme: String
    public var config: ConfigShape
    /// 1 for the first file of a recording, then one more for each file rotation started.
    public var segment: Int

    public init(eltopVersion: String = EltopVersion.current, startedAt: Date, timeZone: TimeZone, terminal: Size, glyphs: String, theme: String, config: ConfigShape, segment: Int = 1) {
        self.format = Self.currentFormat
        self.eltopVersion = eltopVersion
        self.startedAt = startedAt
        self.timeZone = timeZone.identifier
        self.terminal = terminal
        self.glyphs = glyphs
        self.theme = theme
        self.config = config
        self.segment = segment
    }

    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)! }
}

/// What the recorded dashboard was configured to watch, without a single connection detail.
public struct ConfigShape: Codable, Equatable, Sendable {
    public struct FeedShape: Codable, Equatable, Sendable {
        public var configured: Bool
        public var pollIntervalSeconds: Double
    }

    public var feeds: [String: FeedShape]
    public var readOnly: Bool

    /// Read from the initial state: it already says which feeds are configured and how often they poll,
    /// and it holds no credentials (see `Event`), so nothing secret can leak through here.
    public init(state: DashboardState) {
        var feeds: [String: FeedShape] = [:]
        for feed in Feed.allCases {
            let health = state.health(feed)
            feeds[feed.rawValue] = FeedShape(configured: health.configured, pollIntervalSeconds: health.pollInterval)
        }
        self.feeds = feeds
        self.readOnly = state.ui.readOnly
    }
}
