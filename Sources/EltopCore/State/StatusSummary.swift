/// Each feed's status and each pane's worst concern, as of the state's clock, judged together: the
/// source's status and its concern both rest on every slot's assessment, worked out once here instead
/// of once per question. What a frame asks before it draws; the answers are exactly those of
/// `DashboardState.status(_:)` and `worstConcern(_:)`.
public struct StatusSummary: Sendable {
    private let statuses: [Feed: Status]
    private let concerns: [PaneID: PaneConcern]

    public init(_ state: DashboardState) {
        var assessed: [SlotAssessment]?
        func slotAssessments() -> [SlotAssessment] {
            if let assessed { return assessed }
            let fresh = state.source.assessments
            assessed = fresh
            return fresh
        }
        statuses = Dictionary(uniqueKeysWithValues: Feed.allCases.map { feed in
            (feed, state.status(feed, severity: { feed == .source ? SourceState.severity(of: slotAssessments()) : state.severity(feed) }))
        })
        concerns = Dictionary(uniqueKeysWithValues: PaneID.allCases.compactMap { pane in
            state.worstConcern(pane, slotAssessments: slotAssessments).map { (pane, $0) }
        })
    }

    public func status(_ feed: Feed) -> Status { statuses[feed] ?? .unconfigured }

    public func worstConcern(_ pane: PaneID) -> PaneConcern? { concerns[pane] }
}
