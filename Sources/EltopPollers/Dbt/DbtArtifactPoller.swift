import EltopConfig
import EltopCore
import Foundation

/// Polls the dbt artifacts. Decoding runs on the poller's own queue, never on Swift's cooperative pool
/// (two threads here), so a manifest of hundreds of MB keeps the UI answering keys while it loads.
///
/// If the poll runner's timeout gives up on a slow first read, the read still finishes on the queue and its
/// cache serves the next poll at once.
public final class DbtArtifactPoller: Poller, Sendable {
    public let feed = Feed.dbt
    private let reader: DbtArtifactReader
    private let queue = DispatchQueue(label: "eltop.dbt.artifacts", qos: .utility)

    public init(projectDir: String, targetDir: String) {
        reader = DbtArtifactReader(projectDir: projectDir, targetDir: targetDir)
    }

    public convenience init?(config: DbtConfig) {
        guard let projectDir = config.projectDir, let targetDir = config.artifactsDir else { return nil }
        self.init(projectDir: projectDir, targetDir: targetDir)
    }

    public func poll() async throws -> Reading {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [reader] in
                continuation.resume(with: Result { .dbt(try reader.read()) })
            }
        }
    }
}
