/// The 15 tables of the DVD-rental sample, in an order where every table comes after those it references.
public enum DVDRentalTable: String, CaseIterable, Sendable {
    case actor, category, country, city, address, language, film, film_actor, film_category
    case staff, store, customer, inventory, rental, payment

    /// Rows at scale 1: the sample's own sizes.
    public var sampleRows: Int {
        switch self {
        case .actor: return 200
        case .address: return 603
        case .category: return 16
        case .city: return 600
        case .country: return 109
        case .customer: return 599
        case .film: return 1000
        case .film_actor: return 5462
        case .film_category: return 1000
        case .inventory: return 4581
        case .language: return 6
        case .payment: return 14596
        case .rental: return 16044
        case .staff: return 2
        case .store: return 2
        }
    }

    /// The big tables `--scale N` multiplies: the rental history. Catalogue and people stay at the
    /// sample's size, so ids in smallint columns (customer_id, film_id) never overflow.
    public var isScaled: Bool { self == .inventory || self == .rental || self == .payment }

    /// Rows at `scale`.
    public func rows(scale: Int) -> Int { isScaled ? sampleRows * scale : sampleRows }

    /// Every table but `payment` has a `last_update` column kept by a BEFORE UPDATE trigger.
    public var hasLastUpdate: Bool { self != .payment }

    public var qualified: QualifiedTable { QualifiedTable(schema: "public", name: rawValue) }
}
