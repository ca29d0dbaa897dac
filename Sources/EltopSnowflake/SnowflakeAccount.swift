/// The account part of key-pair JWT claims, as Snowflake's key-pair authentication guide asks for it.
///
/// The claims name the account, not the host: uppercase, the organisation form `ORG-ACCOUNT` with a
/// hyphen (a `ORG.ACCOUNT` spelling becomes `ORG-ACCOUNT`), and a legacy locator without its region
/// and cloud (`xy12345.us-east-1.aws` → `XY12345`). A JWT whose account differs from Snowflake's own
/// spelling is rejected with 390144, so this matters more than it looks.
public enum SnowflakeAccount {
    /// The account identifier as it goes into `iss` and `sub`.
    public static func claimIdentifier(_ account: String) -> String {
        var text = account.trimmingCharacters(in: .whitespaces)
        for suffix in [".snowflakecomputing.com", ".privatelink"] where text.lowercased().hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
        }
        let parts = text.split(separator: ".").map(String.init)
        if parts.count >= 2 {
            // Locator + region (+ cloud): the region part always has a hyphen or names a cloud region
            // such as `us-east-1`, `eu-west-1`, `east-us-2.azure`; an account name after an org has none.
            let rest = parts.dropFirst()
            let looksLikeRegion = rest.contains { $0.contains("-") || ["aws", "azure", "gcp", "global"].contains($0.lowercased()) }
            text = looksLikeRegion ? parts[0] : parts.joined(separator: "-")
        }
        return text.uppercased()
    }
}
