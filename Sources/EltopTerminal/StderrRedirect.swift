import Foundation

/// Points fd 2 at a file while the dashboard owns the screen, and back afterwards.
///
/// Anything a library or the Swift runtime prints to stderr would otherwise be drawn over the dashboard
/// (htop does the same in `CRT_init`). The file is opened for appending with mode 0600: it is the log.
struct StderrRedirect {
    /// A duplicate of the original stderr, or -1 when it could not be kept.
    let originalFD: Int32

    init?(to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        fflush(nil)  // every C stream; naming `stderr` would touch a C global Swift 6 cannot check
        originalFD = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
        dup2(fd, STDERR_FILENO)
        close(fd)
    }

    func undo() {
        guard originalFD >= 0 else { return }
        fflush(nil)  // every C stream; naming `stderr` would touch a C global Swift 6 cannot check
        dup2(originalFD, STDERR_FILENO)
        close(originalFD)
    }
}
