import Foundation

/// The next moment anything on screen can change with time alone, or nil if nothing can until the next
/// event. The runtime sleeps until then and sends `clockTicked`; headless commands use the same deadline.
public func nextDeadline(_ state: DashboardState) -> Date? {
    let now = state.now.timeIntervalSince1970
    return Date(timeIntervalSince1970: (now + 1).rounded(.down))
}
