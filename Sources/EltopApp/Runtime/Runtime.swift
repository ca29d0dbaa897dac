import EltopCore
import EltopPollers
import Foundation

/// The one headless loop of eltop, as bubbletea's `Program`: it owns the `DashboardState`, takes one
/// input at a time (poller results, keys, signals, effect outcomes, deadlines), applies `reduce`,
/// publishes each `(event, state)` to its subscribers, and carries out the effects the reducer returns.
///
/// Nothing in here knows a terminal: the dashboard hangs a `TerminalPresenter` on it, `snapshot` a
/// `OneRoundOfPolls`; a recorder or a metrics exporter subscribes the same way. Time moves only by
/// `clockTicked` events, sent when `nextDeadline(state)` comes, never on a blind timer.
/// Runs on the main actor: the state has one owner, and ncurses is only ever touched from here.
@MainActor
public final class Runtime {
    public internal(set) var state: DashboardState
    /// Live, or a replay: see `RuntimeMode`.
    public let mode: RuntimeMode
    let feeds: FeedCatalog
    let clock: PollClock
    let inbox: RuntimeInbox
    let tasks = KeyedTasks()
    private var subscribers: [RuntimeSubscriber] = []
    private(set) var presenter: TerminalPresenter?
    private var pollRunners: [Feed: PollRunner] = [:]
    private var pollTasks: [Task<Void, Never>] = []
    private var alarm: PollAlarm?
    /// When `alarm` rings next; nil once it has rung (or is gone), until it is set or moved again.
    private var alarmAt: Date?
    private var exit: RuntimeExit?
    /// Told the duration and outcome of every poll; set before `run` (the metrics exporter's figures).
    public var pollObserver: PollRunner.Observer?
    /// A headless command that must cancel what it started before it exits takes the shutdown signals
    /// itself: returning true keeps the loop going (the command stops it when it is done).
    var interceptSignal: ((Int32) -> Bool)?

    public init(state: DashboardState, feeds: FeedCatalog, clock: PollClock = SystemPollClock(), inbox: RuntimeInbox = RuntimeInbox(), mode: RuntimeMode = .live) {
        self.state = state
        self.mode = mode
        self.feeds = feeds
        self.clock = clock
        self.inbox = inbox
    }

    /// Adds a subscriber; it hears every event applied from now on, in order.
    public func subscribe(_ subscriber: RuntimeSubscriber) {
        subscribers.append(subscriber)
    }

    /// Adds the terminal presenter: a subscriber that also receives the terminal's inputs.
    public func attach(_ presenter: TerminalPresenter) {
        self.presenter = presenter
        subscribe(presenter)
    }

    /// Polls, applies and publishes until a quit, a signal or `stop`; then ends the polls and the
    /// effects' tasks (children stopped, requests answered or abandoned) before returning.
    public func run() async -> RuntimeExit {
        startPolling()
        for subscriber in subscribers { subscriber.runtimeDidStart(self) }
        scheduleDeadline()
        if exit == nil {
            for await input in inbox.inputs {
                handle(input)
                if exit != nil { break }
            }
        }
        for subscriber in subscribers { subscriber.runtimeWillStop(self) }
        alarm?.cancel()
        alarm = nil
        for task in pollTasks { task.cancel() }
        await tasks.cancelAll()
        for task in pollTasks { await task.value }
        pollTasks = []
        inbox.finish()
        return exit ?? .quit
    }

    /// Applies one event, publishes it, and carries out its effects.
    public func send(_ event: Event) {
        var next = state
        let effects = reduce(&next, event)
        let changed = next != state
        let replacedBigData = changed && MallocTuning.replacedBigData(event, old: state, new: next)
        if changed { state = next }
        // The old nodes or tables are freed by now, and the poller's temporaries before the event came.
        if replacedBigData { MallocTuning.releaseFreePages() }
        for subscriber in subscribers { subscriber.runtime(self, didApply: event, changed: changed) }
        if changed { scheduleDeadline() }
        if mode == .live { for effect in effects { perform(effect) } }
    }

    /// Moves the state's clock to now before a key or click is applied, so what it logs ("run dbt:
    /// confirmed") carries the moment it was pressed, not that of the last deadline, which may be
    /// minutes old on a quiet screen.
    func catchUpClock() {
        guard mode == .live else { return }
        let now = clock.now()
        if now > state.now { send(.clockTicked(now)) }
    }

    /// Replaces the state whole, as a replay's seek does, and has the screen drawn again.
    func replaceState(_ newState: DashboardState) {
        state = newState
        presenter?.redraw(self)
    }

    /// Ends the loop after the input being handled. Safe to call from a subscriber.
    public func stop(_ reason: RuntimeExit = .quit) {
        if exit == nil { exit = reason }
        inbox.post(.stop(reason))
    }

    /// Events from background work (pollers, effects' tasks) come back through the inbox.
    nonisolated var sendLater: @Sendable (Event) -> Void {
        let inbox = self.inbox
        return { inbox.post(.event($0)) }
    }

    private func handle(_ input: RuntimeInput) {
        switch input {
        case .event(let event): send(event)
        case .signal(let signo):
            if interceptSignal?(signo) != true { stop(.signal(signo)) }
        case .terminal(let notice): presenter?.handle(notice, in: self)
        case .deadlineReached: alarmRang()
        case .stop(let reason): stop(reason)
        }
    }

    private func startPolling() {
        let send = sendLater
        for poller in feeds.pollers {
            let schedule = feeds.schedules[poller.feed] ?? PollSchedule(intervalSeconds: 10)
            let runner = PollRunner(poller: poller, schedule: schedule, clock: clock, observer: pollObserver, sink: { send($0) })
            pollRunners[poller.feed] = runner
            pollTasks.append(Task { await runner.run() })
        }
    }

    /// Asks the configured feeds among `feeds` to poll now.
    func pollNow(_ feeds: [Feed]) {
        for runner in feeds.compactMap({ pollRunners[$0] }) {
            Task { await runner.pollNow() }
        }
    }

    /// Sets the alarm for the state's next deadline; none at all while nothing on screen can change with time.
    ///
    /// The alarm is the clock's movable one (`SystemPollClock`: a timerfd with a thread of its own, ringing
    /// on the main queue), moved to each new deadline: each poll moves the staleness deadline a little
    /// later. One alarm lives as long as there is a deadline and is moved (`PollAlarm.move`), one
    /// timerfd_settime per poll that wakes no thread, where a dispatch timer's move woke dispatch's
    /// manager thread and cancel + a new source woke it twice. A sleeping task could not be moved: it was
    /// kept and rang early once per poll, finding nothing due (docs/architecture.md, "Time").
    private func scheduleDeadline() {
        guard exit == nil, mode == .live, let next = nextDeadline(state) else {
            alarm?.cancel()
            alarm = nil
            alarmAt = nil
            return
        }
        if alarmAt == next { return }
        alarmAt = next
        let seconds = next.timeIntervalSince(clock.now())
        if let alarm, alarm.move(after: seconds) { return }
        alarm?.cancel()
        let inbox = self.inbox
        alarm = clock.movableAlarm(after: seconds, on: .main) { inbox.post(.deadlineReached) }
    }

    /// The alarm rang: time moves only if something is due by now.
    private func alarmRang() {
        alarmAt = nil
        let now = clock.now()
        if let due = nextDeadline(state), due <= now { send(.clockTicked(now)) }
        scheduleDeadline()
    }
}
