import EltopCore
import Foundation

/// Polls a `Warehouse`: row counts every time, freshness only every `freshnessIntervalSeconds`.
///
/// The freshness query is the one that can wake a Snowflake warehouse, so it has its own, longer
/// interval and can be switched off; between its runs the last figures are carried into each
/// reading with the time they were taken. A failing freshness query does not hide the row counts:
/// its error travels in the reading instead.
public struct WarehousePoller: Poller {
    public let feed = Feed.warehouse
    let warehouse: Warehouse
    let layout: WarehouseLayout
    let freshnessIntervalSeconds: TimeInterval?
    private let memory = FreshnessMemory()
    private let now: @Sendable () -> Date

    init(warehouse: Warehouse, layout: WarehouseLayout, freshnessIntervalSeconds: TimeInterval?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.warehouse = warehouse
        self.layout = layout
        self.freshnessIntervalSeconds = freshnessIntervalSeconds
        self.now = now
    }

    public func poll() async throws -> Reading {
        let list = try await warehouse.tables(in: [layout.rawSchema, layout.stagingSchema])
        var tables = list.tables
        if let interval = freshnessIntervalSeconds, await memory.isDue(now: now(), interval: interval) {
            do {
                let figures = try await warehouse.freshness(of: tables)
                await memory.store(figures, at: now())
            } catch {
                await memory.failed(ErrorText.describe(error), at: now())
            }
        }
        let (figures, checkedAt, problem) = await memory.current()
        for i in tables.indices {
            guard let found = figures[tables[i].key] else { continue }
            tables[i].extractedAt = found.extractedAt
            tables[i].lastAltered = tables[i].lastAltered ?? found.lastAltered
        }
        var reading = WarehouseReading(kind: warehouse.kind, tables: tables, layout: layout, missingSchemas: list.missingSchemas, freshnessCheckedAt: checkedAt)
        reading.freshnessProblem = problem
        return .warehouse(reading)
    }
}

/// The last freshness figures and when they were taken; an actor because polls may overlap a
/// refresh-now.
private actor FreshnessMemory {
    private var figures: [String: TableFreshness] = [:]
    private var checkedAt: Date?
    private var attemptedAt: Date?
    private var problem: String?

    func isDue(now: Date, interval: TimeInterval) -> Bool {
        guard let attemptedAt else { return true }
        return now.timeIntervalSince(attemptedAt) >= interval
    }

    func store(_ new: [String: TableFreshness], at date: Date) {
        figures = new
        checkedAt = date
        attemptedAt = date
        problem = nil
    }

    /// A failed attempt also waits a full interval: retrying a query that needs a warehouse every
    /// poll would cost exactly what the interval is there to avoid.
    func failed(_ message: String, at date: Date) {
        attemptedAt = date
        problem = message
    }

    func current() -> ([String: TableFreshness], Date?, String?) { (figures, checkedAt, problem) }
}
