/// Each feed's status and each pane's worst concern, as of the state's clock, judged together: the
/// source's status and its concern both rest on every slot's assessment, worked out once here instead
/// of once per question. What a frame asks before it draws; the answers are exactly those of
/// `DashboardState.status(_:)` and `worstConcern(_:)`.
public struct StatusSummary: Sendable {
    private let statuses: [Feed: Status]
    private let concerns: [PaneID: PaneConcern]
    /// `state.source.assessments`: every slot's, in the reading's order. The Source pane's rows use
    /// them too rather than assessing their slots a second time.
    public let slotAssessments: [SlotAssessment]

    public init(_ state: DashboardState) {
        let assessed = state.source.assessments
        slotAssessments = assessed
        statuses = Dictionary(uniqueKeysWithValues: Feed.allCases.map { feed in
            (feed, state.status(feed, severity: { feed == .source ? SourceState.severity(of: assessed) : state.severity(feed) }))
        })
        concerns = Dictionary(uniqueKeysWithValues: PaneID.allCases.compactMap { pane in
            state.worstConcern(pane, slotAssessments: { assessed }).map { (pane, $0) }
        })
    }

    public func status(_ feed: Feed) -> Status { statuses[feed] ?? .unconfigured }

    public func worstConcern(_ pane: PaneID) -> PaneConcern? { concerns[pane] }
}
