import Foundation

/// Writes every byte to `fd` with blocking writes, going on after a signal interrupts one; an error (the
/// terminal hung up) drops the rest, as ncurses would. Both ways to the terminal (the writer's thread to
/// the tty, OSC 52 into the writer's pipe) use it, and `snapshot --json` for its document.
public func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) {
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
        let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
    }
}
