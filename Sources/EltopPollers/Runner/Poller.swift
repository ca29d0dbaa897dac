import EltopCore

/// Something that can read one feed once. The poll runner decides when, how often and how long to wait.
///
/// A poller throws on failure with a message a person can act on (`LocalizedError` or
/// `CustomStringConvertible`); it never logs to the screen and never retries by itself.
public protocol Poller: Sendable {
    var feed: Feed { get }
    func poll() async throws -> Reading
}
