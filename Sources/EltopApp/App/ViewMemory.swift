import EltopCore
import Foundation
import Logging

/// Where the remembered view of one config lives: `$XDG_STATE_HOME/eltop/view-<hash>.json` (default
/// `~/.local/state/eltop/`), one file per config file path, so a production and a staging config each
/// open on their own pane. An environment-only configuration has one file of its own.
///
/// A missing file is a first run; a broken or unreadable one is ignored with a log line (the screen
/// starts as if new); a file that cannot be written is logged once and not retried, because a
/// read-only home must not fill the log.
public struct ViewMemoryFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file for the config read from `configPath` (nil: environment only).
    public init(configPath: String?, environment: [String: String]) {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state + "/eltop"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.local/state/eltop"
        }
        let identity = configPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? "(environment)"
        self.init(path: "\(base)/view-\(Self.fnv1a(identity)).json")
    }

    /// The remembered view, or nil (logged) when there is none or it cannot be read.
    public func load(log: Logger) -> RememberedView? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                log.warning("remembered view ignored: cannot read the file", metadata: ["path": "\(path)"])
            }
            return nil
        }
        do {
            return try JSONDecoder().decode(RememberedView.self, from: data)
        } catch {
            log.warning("remembered view ignored: the file is not a view eltop wrote", metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
    }

    /// Writes `view` whole (temporary file, then rename), in a directory only the user can enter.
    public func save(_ view: RememberedView) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(view).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// A stable, short name for a path: FNV-1a 64, in hex. Not a secret nor a security boundary, only
    /// a file name that stays the same across runs and machines.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Saves the view whenever the focus, the Warehouse sort or a kept filter changes: a runtime
/// subscriber, so the state still changes in one place and eltop killed by a dropped SSH session
/// has already saved what the user last chose.
@MainActor
public final class ViewMemory: RuntimeSubscriber {
    private let file: ViewMemoryFile
    private let log: Logger
    private var saved: RememberedView?
    private var failed = false

    public init(file: ViewMemoryFile, log: Logger = Logger(label: "eltop.view")) {
        self.file = file
        self.log = log
    }

    public func runtimeDidStart(_ runtime: Runtime) {
        saved = runtime.state.rememberedView
    }

    public func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        guard changed, !failed else { return }
        let view = runtime.state.rememberedView
        guard view != saved else { return }
        do {
            try file.save(view)
            saved = view
        } catch {
            failed = true
            log.warning("remembered view not saved (not retried this run)", metadata: ["path": "\(file.path)", "error": "\(error)"])
        }
    }
}
