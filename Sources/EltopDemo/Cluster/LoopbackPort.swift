import Foundation

/// Loopback TCP ports for the demo's servers.
enum LoopbackPort {
    /// True when nothing listens on 127.0.0.1:`port` (a bind succeeds).
    static func isFree(_ port: Int) -> Bool {
        bind(port) != nil
    }

    /// A port the kernel says is free right now.
    static func free() throws -> Int {
        guard let port = bind(0) else { throw DemoError("no free TCP port on 127.0.0.1") }
        return port
    }

    private static func bind(_ port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
