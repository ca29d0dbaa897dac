import EltopConfig
import EltopCore
import EltopHTTP
import EltopPostgres
import EltopSnowflake
import Foundation

/// Builds the Warehouse poller for a configuration: the right `Warehouse`, the name layout and the
/// freshness interval.
enum WarehouseFactory {
    static func poller(_ config: WarehouseConfig) -> WarehousePoller? {
        guard config.isConfigured, let kind = config.effectiveKind else { return nil }
        let layout = WarehouseLayout(rawSchema: config.rawSchema, stagingSchema: config.stagingSchema, stagingNamePattern: config.stagingNamePattern)
        let warehouse: Warehouse
        switch kind {
        case .postgres:
            guard let url = config.url else { return nil }
            // Counting a table up to exactCountMaxRows rows takes longer than the libpq wrapper's
            // 5 s default on a slow disk; 20 s stays within the runner's poll timeout.
            let connection = PGConnection(
                conninfo: url.revealed, settings: PGConnection.SessionSettings(applicationName: "eltop-warehouse", statementTimeoutMilliseconds: 20_000))
            warehouse = PostgresWarehouse(connection: connection, exactCountMaxRows: config.exactCountMaxRows)
        case .snowflake:
            warehouse = snowflake(config.snowflake)
        }
        return WarehousePoller(warehouse: warehouse, layout: layout, freshnessIntervalSeconds: config.freshness ? config.freshnessIntervalSeconds : nil)
    }

    /// A key that cannot be loaded (encrypted, not RSA) becomes a warehouse that reports it on every
    /// poll, so the pane says what is wrong instead of staying empty.
    static func snowflake(_ config: SnowflakeConfig) -> Warehouse {
        do {
            let client = try snowflakeClient(config, userAgent: "eltop-warehouse")
            return SnowflakeWarehouse(client: client, database: config.database, virtualWarehouse: config.warehouse, role: config.role)
        } catch {
            return error as? UnusableWarehouse ?? UnusableWarehouse(kind: .snowflake, reason: ErrorText.describe(error))
        }
    }

    /// The SQL API client for a configuration; throws `UnusableWarehouse` with the reason it cannot be built.
    static func snowflakeClient(_ config: SnowflakeConfig, userAgent: String) throws -> SnowflakeClient {
        guard let baseURL = config.baseURL, let account = config.account, let auth = config.auth else {
            throw UnusableWarehouse(kind: .snowflake, reason: "Snowflake is not fully configured")
        }
        let credential: SnowflakeCredential
        switch auth {
        case .keyPair(let user, let path):
            do {
                credential = .keyPair(try KeyPairJWT(account: account, user: user, privateKeyPath: path))
            } catch {
                throw UnusableWarehouse(kind: .snowflake, reason: ErrorText.describe(error))
            }
        case .token(let secret):
            credential = config.tokenType == .oauth ? .oauth(token: secret.revealed) : .programmaticAccessToken(secret.revealed)
        }
        return SnowflakeClient(baseURL: baseURL, credential: credential, http: HTTPClient(userAgent: userAgent))
    }
}

/// A warehouse that cannot be reached as configured; every poll fails with the reason.
struct UnusableWarehouse: Warehouse, Error, CustomStringConvertible {
    let kind: EltopCore.WarehouseKind
    let reason: String
    var description: String { reason }

    func tables(in schemas: [String]) async throws -> WarehouseTableList { throw self }
    func freshness(of tables: [WarehouseTable]) async throws -> [String: TableFreshness] { throw self }
}
