import Dispatch
import Foundation

/// Waiting for Ctrl-C (or SIGTERM, SIGHUP) in `--headless`, through dispatch sources so the normal
/// shutdown runs: traffic stops, `--ephemeral` removes the stack.
enum DemoSignals {
    @MainActor
    static func waitForInterrupt() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            var sources: [DispatchSourceSignal] = []
            var resumed = false
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
                source.setEventHandler {
                    guard !resumed else { return }
                    resumed = true
                    sources.forEach { $0.cancel() }
                    continuation.resume(returning: number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
