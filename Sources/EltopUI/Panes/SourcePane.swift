import EltopCore

/// Replication slots of the source database: activity, lag, retained WAL, WAL status, safe WAL, growth
/// and a lag sparkline, each row coloured by the slot's worst concern; below the table, the one hint
/// that explains what the on-call engineer sees (normal inactivity, the heartbeat trap, a missing grant).
enum SourcePane: PaneContent {
    static let subtitle: String? = "replication slots"

    static func hasData(_ state: DashboardState) -> Bool { state.source.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let slots = state.visibleSlots
        guard !slots.isEmpty else {
            let text = state.source.reading?.slots.isEmpty == true ? "No logical replication slots." : "No slot matches the filter."
            grid.write(text, x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        var hints: [(String, Role)] = []
        if rect.height > 3, let hint = hint(for: slots, context: context) {
            hints = TextFit.wrap(hint.text, rect.width).prefix(2).map { ($0, hint.role) }
        }
        var (tableRect, hintRect) = rect.splitRows(rect.height - hints.count)
        // Room beyond the table's rows goes to the selected slot's charts (lag, retained WAL).
        let spare = tableRect.height - (slots.count + 1) - 1
        if spare >= chartMinimumHeight {
            let (table, below) = tableRect.splitRows(tableRect.height - spare)
            tableRect = table
            if let slot = state.selectedRow(.source, in: slots) { drawCharts(for: slot, into: &grid, rect: below.splitRows(1).1, context: context) }
        }
        // A narrow pane cuts the WAL column; a WAL that is lost or about to go then shows in ACTIVE.
        let walShown = shownColumnCount(width: tableRect.width) > walColumn
        Table.draw(
            columns: columns, rowCount: slots.count,
            row: { row(for: slots[$0], figures: context.assessment(of: slots[$0], listedAt: $0), walShown: walShown, state: state, context: context) },
            selected: focused ? state.selectedIndex(.source) : nil, into: &grid, rect: tableRect, context: context)
        for (offset, (line, role)) in hints.enumerated() {
            grid.write(line, x: hintRect.x, y: hintRect.y + offset, style: context.style(role), maxWidth: hintRect.width)
        }
    }

    private static let columns = [
        Column("SLOT"), Column("ACTIVE", width: 7), Column("LAG", width: 9, alignRight: true),
        Column("RETAINED", width: 9, alignRight: true), Column("WAL", width: 10), Column("SAFE", width: 9, alignRight: true),
        Column("RATE", width: 11, alignRight: true), Column("TREND", width: 12), Column("PLUGIN", width: 8), Column("DATABASE", width: 10),
    ]

    /// The WAL column's place in the table.
    private static let walColumn = 4

    /// How many of the table's columns a pane body `width` cells wide shows: the first ones, since the
    /// table cuts from the right. A cell of a cut column (the rate, the sparkline) changes no frame.
    static func shownColumnCount(width: Int) -> Int {
        Table.fit(columns, width: width).prefix { $0 > 0 }.count
    }

    static func row(for slot: ReplicationSlot, figures: SlotAssessment, walShown: Bool, state: DashboardState, context: RenderContext) -> [TableCell] {
        let walRole: Role = slot.walStatus.map { $0.severity == .ok ? .text : context.role(for: $0.severity) } ?? .text
        let trend = Sparkline.text(state.source.lagHistory[slot.name]?.lastValues(12) ?? [], width: 12, levels: context.glyphs.sparkline)
        return [
            TableCell(slot.name, context.role(for: figures.severity)),
            activeCell(slot, figures, walShown: walShown, context: context),
            TableCell(NumberText.bytes(slot.lagBytes)), TableCell(NumberText.bytes(slot.retainedBytes)),
            TableCell(slot.walStatus?.rawValue ?? "—", walRole), TableCell(NumberText.bytes(slot.safeWalSizeBytes)),
            TableCell(rateText(figures.lagRateBytesPerSecond), (figures.lagRateBytesPerSecond ?? 0) > 0 ? .warn : .text),
            TableCell(trend, .accent), TableCell(slot.plugin, .muted), TableCell(slot.database, .muted),
        ]
    }

    /// ACTIVE, or, when the WAL column is cut and the slot's WAL is lost or unreserved, that state in
    /// capitals ("LOST"): the one fact about the slot that must not disappear with a column.
    private static func activeCell(_ slot: ReplicationSlot, _ figures: SlotAssessment, walShown: Bool, context: RenderContext) -> TableCell {
        if !walShown, let wal = slot.walStatus, wal.severity == .crit {
            return TableCell(wal == .lost ? "LOST" : "UNRSVD", .crit)
        }
        return TableCell(activeText(slot, figures), slot.active ? .ok : .muted)
    }

    /// "yes", or "no 12m" (how long inactive; "≥12m" when eltop only knows since it started watching).
    /// The duration steps coarsely (`DurationText.coarse`: "<10s", "40s", "12m"), always rounded down:
    /// inactivity matters in minutes against its thresholds, and the exact second would repaint at every
    /// poll. The detail view (inactive_since) and `snapshot --json` (inactive_seconds) stay exact.
    static func activeText(_ slot: ReplicationSlot, _ figures: SlotAssessment) -> String {
        if slot.active { return "yes" }
        guard let seconds = figures.inactiveSeconds else { return "no" }
        if figures.inactiveIsLowerBound { return "no ≥" + DurationText.short(DurationText.coarseFloor(seconds)) }
        return "no " + DurationText.coarse(seconds)
    }

    /// "+1.2 KiB/s", "-300 B/s", "0 B/s", or "—" before there are two samples.
    static func rateText(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        let bytes = Int64(rate.rounded())
        return (bytes > 0 ? "+" : "") + NumberText.bytes(bytes) + "/s"
    }

    /// The reassurance under the table when a slot is inactive and nothing is wrong. Any concern
    /// (a lost slot, a missing grant, the heartbeat trap) takes the footer instead (`PaneFrame`), so
    /// this never says "normal" beside something that is not.
    static func hint(for slots: [ReplicationSlot], context: RenderContext) -> (text: String, role: Role)? {
        guard context.worstConcern(.source) == nil, slots.contains(where: { !$0.active }) else { return nil }
        return ("Inactive between syncs is normal for Airbyte: Enter for why.", .muted)
    }
}
