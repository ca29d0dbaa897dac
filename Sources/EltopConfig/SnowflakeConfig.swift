import Foundation

/// A Snowflake account reached through the SQL API v2.
public struct SnowflakeConfig: Equatable, Sendable {
    /// Account identifier, `ORG-ACCOUNT` or a legacy locator such as `xy12345.us-east-1`.
    public var account: String?
    public var user: String?
    /// Kept because the seed pipeline sets `SNOWFLAKE_PASSWORD`; the SQL API itself takes no password.
    public var password: Secret?
    /// PKCS#8 or PKCS#1 PEM file for key-pair (JWT) authentication.
    public var privateKeyPath: String?
    /// An OAuth or programmatic access token.
    public var token: Secret?
    /// Which kind `token` is; the SQL API wants it named in `X-Snowflake-Authorization-Token-Type`.
    public var tokenType: SnowflakeTokenType = .programmaticAccessToken
    public var role: String?
    public var warehouse: String?
    public var database: String?
    /// Overrides the account URL, e.g. for a proxy or a test server; see `SnowflakeHost`.
    public var host: String?

    public init() {}

    /// `https://<account>.snowflakecomputing.com`, or `host` when set.
    public var baseURL: URL? {
        if let host { return try? SnowflakeHost.baseURL(from: host).get() }
        guard let account, SnowflakeHost.isValidAccount(account) else { return nil }
        return URL(string: "https://\(account.lowercased()).snowflakecomputing.com")
    }

    /// Key-pair authentication when a user and a key are set (it renews itself), else the token.
    public var auth: SnowflakeAuth? {
        if let user, let privateKeyPath { return .keyPair(user: user, privateKeyPath: privateKeyPath) }
        if let token { return .token(token) }
        return nil
    }

    /// Enough to send a statement: where to, and how to authenticate.
    public var isComplete: Bool { account != nil && baseURL != nil && auth != nil }

    var configureHint: String {
        if password != nil, auth == nil {
            return "the Snowflake SQL API takes no password (SNOWFLAKE_USERNAME/SNOWFLAKE_PASSWORD): set up a key pair "
                + "(openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt -out key.p8; ALTER USER … SET RSA_PUBLIC_KEY) "
                + "and set SNOWFLAKE_PRIVATE_KEY_PATH, or SNOWFLAKE_TOKEN; see docs/warehouse.md"
        }
        if account == nil { return "set SNOWFLAKE_ACCOUNT or warehouse.snowflake.account in eltop.yaml" }
        return "set SNOWFLAKE_USER and SNOWFLAKE_PRIVATE_KEY_PATH, or SNOWFLAKE_TOKEN"
    }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.string("account") { account = value }
        if let value = yaml.string("user") { user = value }
        if let value = yaml.secret("password") { password = value }
        if let value = yaml.path("private_key_path") { privateKeyPath = value }
        if let value = yaml.secret("token") { token = value }
        if let value = yaml.choice("token_type", as: SnowflakeTokenType.self) { tokenType = value }
        if let value = yaml.string("role") { role = value }
        if let value = yaml.string("warehouse") { warehouse = value }
        if let value = yaml.string("database") { database = value }
        if let value = yaml.string("host") { host = value }
    }

    /// `SNOWFLAKE_USERNAME` is the seed pipeline's name for the user; `SNOWFLAKE_USER` (the name
    /// Snowflake's own tools use) wins when both are set.
    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.string("SNOWFLAKE_ACCOUNT", for: "warehouse.snowflake.account") { account = value }
        if let value = environment.string("SNOWFLAKE_USER", for: "warehouse.snowflake.user")
            ?? environment.string("SNOWFLAKE_USERNAME", for: "warehouse.snowflake.user")
        {
            user = value
        }
        if let value = environment.secret("SNOWFLAKE_PASSWORD", for: "warehouse.snowflake.password") { password = value }
        if let value = environment.path("SNOWFLAKE_PRIVATE_KEY_PATH", for: "warehouse.snowflake.private_key_path") {
            privateKeyPath = value
        }
        if let value = environment.secret("SNOWFLAKE_TOKEN", for: "warehouse.snowflake.token") { token = value }
        if let value = environment.choice("SNOWFLAKE_TOKEN_TYPE", for: "warehouse.snowflake.token_type", as: SnowflakeTokenType.self) {
            tokenType = value
        }
        if let value = environment.string("SNOWFLAKE_ROLE", for: "warehouse.snowflake.role") { role = value }
        if let value = environment.string("SNOWFLAKE_WAREHOUSE", for: "warehouse.snowflake.warehouse") { warehouse = value }
        if let value = environment.string("SNOWFLAKE_DATABASE", for: "warehouse.snowflake.database") { database = value }
        if let value = environment.string("SNOWFLAKE_HOST", for: "warehouse.snowflake.host") { host = value }
    }

    /// The host and account are checked whenever they are set; completeness only when Snowflake is
    /// the warehouse in use.
    func validate(_ context: LoadContext, inUse: Bool) {
        let key = "warehouse.snowflake"
        if let host, case .failure(let invalid) = SnowflakeHost.baseURL(from: host) {
            context.error(
                invalid.reason, at: context.origin(of: "\(key).host"), key: "\(key).host",
                hint: "use https://, or http:// only for localhost")
        }
        if let account, !SnowflakeHost.isValidAccount(account) {
            context.error(
                "\"\(account)\" is not an account identifier", at: context.origin(of: "\(key).account"), key: "\(key).account",
                hint: "use ORG-ACCOUNT (letters, digits, - and _) or a locator such as xy12345.us-east-1")
        }
        if let privateKeyPath {
            let location = context.origin(of: "\(key).private_key_path")
            if FileManager.default.isReadableFile(atPath: privateKeyPath) {
                context.warnIfShared(privateKeyPath, holding: "a private key", location: location, key: "\(key).private_key_path")
            } else {
                context.error(
                    "private key file \(privateKeyPath) cannot be read", at: location, key: "\(key).private_key_path", hint: "fix the path")
            }
        }
        guard inUse, !context.hasErrors(under: key) else { return }
        if account != nil, auth == nil {
            context.warning("no usable credentials; the Warehouse pane stays unconfigured", at: .none, key: key, hint: configureHint)
        }
        if privateKeyPath != nil, user == nil {
            context.error(
                "private_key_path is set but user is not", at: context.origin(of: "\(key).private_key_path"), key: "\(key).user",
                hint: "set SNOWFLAKE_USER or warehouse.snowflake.user: key-pair tokens name the user")
        }
        if user != nil, privateKeyPath != nil, token != nil {
            context.warning(
                "both a private key and a token are set; using the key pair", at: .none, key: key, hint: "remove the one you do not use")
        }
    }

    var summaryLines: [(key: String, value: String)] {
        [
            ("account", account ?? "unset"),
            ("url", baseURL.map { ConnectionStringRedaction.redact($0.absoluteString) } ?? "unset"),
            ("user", user ?? "unset"),
            ("auth", auth?.name ?? (password != nil ? "password only (not accepted by the SQL API)" : "none")),
            ("role", role ?? "user default"),
            ("warehouse", warehouse ?? "user default"),
            ("database", database ?? "unset"),
        ]
    }
}

/// How the Snowflake client authenticates.
public enum SnowflakeAuth: Equatable, Sendable {
    /// RS256 JWT signed with the user's private key (`KEYPAIR_JWT`).
    case keyPair(user: String, privateKeyPath: String)
    /// An OAuth or programmatic access token sent as a bearer token.
    case token(Secret)

    public var name: String {
        switch self {
        case .keyPair(let user, let path): return "key pair (user \(user), key \(path))"
        case .token: return "token \(Secret.mask)"
        }
    }
}

/// The two kinds of bearer token the SQL API takes besides its own key-pair JWT.
public enum SnowflakeTokenType: String, CaseIterable, Sendable {
    case programmaticAccessToken = "programmatic_access_token"
    case oauth
}
