import Foundation

/// Warehouse readings replace the previous one.
extension DashboardState {
    mutating func applyWarehouse(_ reading: WarehouseReading, at: Date) {
        warehouse.reading = reading
    }
}
