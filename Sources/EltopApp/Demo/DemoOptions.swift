import EltopDemoAirbyte

/// What `eltop demo` was asked to do, as the CLI parsed it.
public struct DemoOptions: Sendable {
    /// Recreate the demo directory from scratch.
    public var fresh = false
    /// Stop the clusters and exit.
    public var down = false
    /// Remove the clusters and their directory when eltop exits.
    public var ephemeral = false
    /// Bring the stack up, print how to reach it, and wait for Ctrl-C instead of opening the dashboard.
    public var headless = false
    /// Multiplies the big tables (inventory, rental, payment); 1 is the sample's size.
    public var scale = 1
    /// The generator's seed: the same seed gives the same data.
    public var seed: UInt64 = 2005
    /// Transactions per second written into the source; 0 is off.
    public var traffic = 0
    /// The local Airbyte's schedule; nil (the default) syncs only when asked (`s` in the Airbyte pane).
    public var syncEvery: SyncSchedule?

    public init() {}

    /// The largest `--scale`: 100 makes 1.6 million rentals, minutes of load on a laptop.
    public static let maximumScale = 100
    public static let maximumTraffic = 1000

    /// A one-line complaint about the options, or nil when they make sense.
    public var problem: String? {
        if scale < 1 { return "--scale must be a positive whole number (1 is the sample's size), not \(scale)" }
        if scale > Self.maximumScale { return "--scale \(scale) is more than the demo supports (at most \(Self.maximumScale))" }
        if traffic < 0 { return "--traffic must be 0 (off) or a positive number of transactions per second, not \(traffic)" }
        if traffic > Self.maximumTraffic { return "--traffic \(traffic) is more than the demo writes (at most \(Self.maximumTraffic) per second)" }
        if down && (fresh || headless || ephemeral) { return "--down only stops the demo; it takes no other demo flag" }
        return nil
    }
}
