import Foundation
import Yams

/// The warehouse a dbt project writes to, read from its `profiles.yml`, so an engineer who already
/// set up dbt does not configure the warehouse a second time.
///
/// The profile is the one `dbt_project.yml` names (`profile:`), its target the profile's `target:`;
/// `profiles.yml` is looked for where dbt looks: the profiles directory (`ELTOP_DBT_PROFILES_DIR`,
/// `dbt.profiles_dir`), the project directory, then `~/.dbt`. `{{ env_var('X') }}` and
/// `{{ env_var('X', 'default') }}` are rendered from the environment, as dbt renders them.
public struct DbtProfileTarget: Equatable, Sendable {
    public var kind: WarehouseKind
    public var snowflake = SnowflakeConfig()
    /// libpq conninfo for a Postgres target.
    public var postgresURL: ConnectionString?
    /// "…/profiles.yml (profile dvd_rental, target dev)", for `config check` and errors.
    public var origin: String
}

/// Why a profile cannot be used; the message names the file, profile and target.
public struct DbtProfileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

public enum DbtProfiles {
    public static func target(projectDir: String, profilesDir: String?, environment: ConfigEnvironment) throws -> DbtProfileTarget {
        let projectFile = (projectDir as NSString).appendingPathComponent("dbt_project.yml")
        guard let project = try loadMapping(projectFile, environment: environment) else {
            throw DbtProfileError("cannot read \(projectFile)")
        }
        guard let profileName = project["profile"] as? String else { throw DbtProfileError("\(projectFile) names no `profile:`") }
        let candidates = [profilesDir, projectDir, environment.value("HOME").map { "\($0)/.dbt" }].compactMap { $0 }
        guard let file = candidates.map({ ($0 as NSString).appendingPathComponent("profiles.yml") }).first(where: FileManager.default.fileExists)
        else {
            throw DbtProfileError("no profiles.yml in \(candidates.joined(separator: ", "))")
        }
        guard let profiles = try loadMapping(file, environment: environment) else { throw DbtProfileError("cannot read \(file)") }
        guard let profile = profiles[profileName] as? [String: Any] else { throw DbtProfileError("\(file) has no profile \(profileName)") }
        let outputs = profile["outputs"] as? [String: Any] ?? [:]
        guard let targetName = profile["target"].map({ "\($0)" }) else { throw DbtProfileError("profile \(profileName) in \(file) sets no `target:`") }
        guard let output = outputs[targetName] as? [String: Any] else {
            throw DbtProfileError(
                "profile \(profileName) in \(file) has no target \(targetName) (outputs: \(outputs.keys.sorted().joined(separator: ", ")))")
        }
        let origin = "\(file) (profile \(profileName), target \(targetName))"
        switch (output["type"] as? String)?.lowercased() {
        case "snowflake": return try snowflake(output, origin: origin)
        case "postgres": return postgres(output, origin: origin)
        case let other: throw DbtProfileError("\(origin) is of type \(other ?? "unset"); eltop reads snowflake and postgres")
        }
    }

    private static func snowflake(_ output: [String: Any], origin: String) throws -> DbtProfileTarget {
        func text(_ key: String) -> String? { output[key].map { "\($0)" } }
        if text("private_key_passphrase") != nil {
            throw DbtProfileError(
                "\(origin) uses an encrypted private key (private_key_passphrase); eltop reads only unencrypted keys: "
                    + "export one with `openssl pkcs8 -topk8 -nocrypt` and point private_key_path at it")
        }
        if text("private_key") != nil, text("private_key_path") == nil {
            throw DbtProfileError("\(origin) gives the private key inline; eltop needs it in a file: set private_key_path")
        }
        var config = SnowflakeConfig()
        config.account = text("account")
        config.user = text("user")
        config.password = text("password").map { Secret($0, origin: origin) }
        config.privateKeyPath = text("private_key_path")
        config.role = text("role")
        config.warehouse = text("warehouse")
        config.database = text("database")
        if text("authenticator")?.lowercased() == "oauth", let token = text("token") {
            config.token = Secret(token, origin: origin)
            config.tokenType = .oauth
        }
        var target = DbtProfileTarget(kind: .snowflake, origin: origin)
        target.snowflake = config
        return target
    }

    private static func postgres(_ output: [String: Any], origin: String) -> DbtProfileTarget {
        let pairs: [(String, String?)] = [
            ("host", output["host"].map { "\($0)" }), ("port", output["port"].map { "\($0)" }),
            ("dbname", (output["dbname"] ?? output["database"]).map { "\($0)" }), ("user", output["user"].map { "\($0)" }),
            ("password", (output["password"] ?? output["pass"]).map { "\($0)" }), ("sslmode", output["sslmode"].map { "\($0)" }),
        ]
        let conninfo = pairs.compactMap { key, value in value.map { "\(key)=\(quoted($0))" } }.joined(separator: " ")
        var target = DbtProfileTarget(kind: .postgres, origin: origin)
        target.postgresURL = ConnectionString(conninfo, origin: origin)
        return target
    }

    /// libpq conninfo quoting: single quotes, with `\` and `'` escaped.
    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func loadMapping(_ path: String, environment: ConfigEnvironment) throws -> [String: Any]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw DbtProfileError("\(path) is not valid YAML: \(error)")
        }
        return try render(document ?? [:], environment: environment, file: path) as? [String: Any]
    }

    /// Renders `env_var` calls in every string of the document.
    private static func render(_ value: Any, environment: ConfigEnvironment, file: String) throws -> Any {
        switch value {
        case let map as [String: Any]: return try map.mapValues { try render($0, environment: environment, file: file) }
        case let list as [Any]: return try list.map { try render($0, environment: environment, file: file) }
        case let text as String: return try EnvVarTemplate.render(text, environment: environment, file: file)
        default: return value
        }
    }
}

/// `{{ env_var('NAME') }}` and `{{ env_var('NAME', 'default') }}`, optionally piped through a filter
/// such as `| int` (ignored: the value is used as text). Anything else in `{{ }}` is left as it is.
enum EnvVarTemplate {
    private static let pattern = try! NSRegularExpression(
        pattern: #"\{\{\s*env_var\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)\s*(?:\|\s*\w+\s*)*\}\}"#)

    static func render(_ text: String, environment: ConfigEnvironment, file: String) throws -> String {
        var result = ""
        var rest = text
        while let match = pattern.firstMatch(in: rest, range: NSRange(rest.startIndex..., in: rest)),
            let whole = Range(match.range, in: rest), let nameRange = Range(match.range(at: 1), in: rest)
        {
            let name = String(rest[nameRange])
            let fallback = Range(match.range(at: 2), in: rest).map { String(rest[$0]) }
            guard let value = environment.variables[name] ?? fallback else {
                throw DbtProfileError("\(file) uses env_var('\(name)') with no default, and \(name) is not set")
            }
            result += rest[..<whole.lowerBound] + value
            rest = String(rest[whole.upperBound...])
        }
        return result + rest
    }
}
