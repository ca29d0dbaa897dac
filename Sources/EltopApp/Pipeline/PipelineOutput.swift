import Foundation

/// Where a headless pipeline command writes: lines on stdout, the failure on stderr, and on a terminal
/// one progress line rewritten in place (`\r` and erase-to-end), as curl and rsync do. Off a terminal
/// (cron, ECS logs) there is no progress line: plain lines only, nothing to garble a log file.
@MainActor
final class PipelineOutput {
    let isTTY: Bool
    private var statusShown = false

    init(isTTY: Bool) { self.isTTY = isTTY }

    func line(_ text: String) {
        clearStatus()
        write(text + "\n", to: FileHandle.standardOutput)
    }

    func error(_ text: String) {
        clearStatus()
        write(text + "\n", to: FileHandle.standardError)
    }

    /// A question on stderr, left open for the answer.
    func prompt(_ text: String) {
        clearStatus()
        write(text, to: FileHandle.standardError)
    }

    func status(_ text: String) {
        guard isTTY else { return }
        write("\r\u{1B}[K" + text, to: FileHandle.standardOutput)
        statusShown = true
    }

    func clearStatus() {
        guard statusShown else { return }
        statusShown = false
        write("\r\u{1B}[K", to: FileHandle.standardOutput)
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
