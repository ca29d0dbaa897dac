import Foundation

/// The jobs kept on disk across restarts: one JSON file, replaced atomically (written beside it, then
/// renamed), so a crash mid-write leaves the previous history rather than half a file.
struct JobHistoryFile: Sendable {
    struct Contents: Codable, Sendable {
        var nextJobID: Int64
        var jobs: [DemoJobRecord]
    }

    let url: URL

    /// The saved history, or an empty one when there is no file yet. A file that is not valid JSON is an
    /// error: silently starting over would hide that the history was lost.
    func load() throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else { return Contents(nextJobID: 1, jobs: []) }
        let data = try Data(contentsOf: url)
        do {
            return try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw DemoAirbyteError.unreadableHistory(path: url.path, reason: "\(error)")
        }
    }

    func save(_ contents: Contents) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(contents).write(to: url, options: .atomic)
    }
}
