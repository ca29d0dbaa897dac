/// A signal's number as a user reads it: "SIGKILL (signal 9)". EltopCore is pure Swift with no libc
/// import, so the few signals that end a child are named here; others keep their number.
public enum SignalName {
    public static func describe(_ signal: Int32) -> String {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM"]
        return names[signal].map { "\($0) (signal \(signal))" } ?? "signal \(signal)"
    }
}
