/// What a successful poll returns, one case per feed.
public enum Reading: Codable, Equatable, Sendable {
    case source(SourceReading)
    case airbyte(AirbyteReading)
    case warehouse(WarehouseReading)
    case dbt(DbtReading)

    public var feed: Feed {
        switch self {
        case .source: return .source
        case .airbyte: return .airbyte
        case .warehouse: return .warehouse
        case .dbt: return .dbt
        }
    }
}
