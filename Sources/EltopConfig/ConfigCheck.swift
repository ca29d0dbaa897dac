import Foundation

/// `eltop config check`: loads the configuration the way the dashboard would and reports every
/// problem plus what each area will use, secrets masked, so an engineer can fix a setup before
/// opening the dashboard (or paste the report into a ticket without leaking a password).
public enum ConfigCheck {
    public static func run(_ loader: ConfigLoader) -> ConfigReport {
        let result = loader.evaluate()
        var problems = result.problems
        let config = result.config
        let anyConfigured = [
            config.source.isConfigured, config.airbyte.isConfigured, config.warehouse.isConfigured, config.dbt.isConfigured,
        ]
        .contains(true)
        if !anyConfigured {
            problems.append(
                ConfigProblem(
                    .warning, at: .none, key: nil, "no area is configured: every pane will say \"not configured\"",
                    hint: "set ELTOP_SOURCE_URL, AIRBYTE_SERVER_NAME, SNOWFLAKE_ACCOUNT or ELTOP_DBT_PROJECT_DIR, or write eltop.yaml"))
        }
        let searched = result.file == nil ? ConfigFileLocator.searchedPaths(loader.environment) : []
        return ConfigReport(config: config, file: result.file, searched: searched, problems: problems)
    }
}

/// The result of `ConfigCheck.run`: printed by `eltop config check`, which exits with `exitStatus`.
public struct ConfigReport: Sendable {
    public var config: Config
    public var file: ConfigFileChoice?
    /// Where a file was looked for, when none was found.
    public var searched: [String]
    public var problems: [ConfigProblem]

    /// 1 when any problem is an error, else 0.
    public var exitStatus: Int32 { problems.contains { $0.severity == .error } ? 1 : 0 }

    /// The report as plain text (no colours, so it can be piped or pasted), ending with a newline.
    public func render() -> String {
        var lines: [String] = []
        if let file {
            lines.append("Config file: \(file.path) (chosen by \(file.reason.rawValue))")
        } else {
            lines.append("Config file: none found; using environment variables only")
            if !searched.isEmpty { lines.append("  looked for: \(searched.joined(separator: ", "))") }
        }
        lines.append("")
        lines += renderProblems()
        for section in ReportSection.all(config) {
            lines.append("")
            let state = section.settings.map { $0.isConfigured ? "configured" : "not configured: \($0.configureHint)" }
            lines.append(state.map { "\(section.title): \($0)" } ?? "\(section.title):")
            let width = section.lines.map(\.key.count).max() ?? 0
            for line in section.lines {
                let origin = config.origins["\(section.key).\(line.key)"].map { "  (\($0))" } ?? ""
                lines.append("  " + line.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + line.value + origin)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func renderProblems() -> [String] {
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        guard !problems.isEmpty else { return ["No problems found."] }
        var lines = ["\(SummaryFormat.count(errors, "error")), \(SummaryFormat.count(warnings, "warning")):"]
        for problem in problems {
            var line = "  " + (problem.location == .none ? "" : "\(problem.location): ") + "\(problem.severity.rawValue): "
            if let key = problem.keyPath { line += "\(key): " }
            lines.append(line + problem.message)
            if let hint = problem.hint { lines.append("      hint: \(hint)") }
        }
        return lines
    }
}

/// One block of the report: an area, its configured state and its settings.
private struct ReportSection {
    var title: String
    var key: String
    var settings: FeedSettings?
    var lines: [(key: String, value: String)]

    static func all(_ config: Config) -> [ReportSection] {
        let tracer = config.cdcProbe.isConfigured
            ? [ReportSection(title: "CDC probe (the Tracer)", key: "cdc_probe", settings: nil, lines: config.cdcProbe.summaryLines)] : []
        return [
            ReportSection(title: "Source", key: "source", settings: config.source, lines: config.source.summaryLines),
            ReportSection(title: "Airbyte", key: "airbyte", settings: config.airbyte, lines: config.airbyte.summaryLines),
            ReportSection(title: "Warehouse", key: "warehouse", settings: config.warehouse, lines: config.warehouse.summaryLines),
            ReportSection(title: "dbt", key: "dbt", settings: config.dbt, lines: config.dbt.summaryLines),
            ReportSection(title: "UI", key: "ui", settings: nil, lines: config.ui.summaryLines),
            ReportSection(title: "Metrics", key: "metrics", settings: nil, lines: config.metrics.summaryLines),
        ] + tracer + (config.keys.rebindings.isEmpty
            ? [] : [ReportSection(title: "Keys (rebound; the others as in help)", key: "keys", settings: nil, lines: config.keys.summaryLines)])
    }
}

/// Small text forms shared by the summaries.
enum SummaryFormat {
    static func seconds(_ value: TimeInterval) -> String {
        Int(exactly: value).map { "\($0) s" } ?? "\(value) s"
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
