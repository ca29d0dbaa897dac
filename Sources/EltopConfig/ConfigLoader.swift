import Foundation
import Yams

/// The outcome of a load: the merged configuration, the file it read, and every problem found.
public struct ConfigLoadResult: Sendable {
    public var config: Config
    /// nil when no file was found (environment-only configuration).
    public var file: ConfigFileChoice?
    /// Errors first, then warnings, each group in the order found.
    public var problems: [ConfigProblem]

    public var errors: [ConfigProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ConfigProblem] { problems.filter { $0.severity == .warning } }
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Loads the configuration: finds the YAML file (see `ConfigFileLocator`), reads it with line
/// numbers, applies the environment variables on top, then checks what needs the merged values.
///
/// A load never stops at the first problem: `eltop config check` shows them all, and the dashboard
/// refuses to start on errors but logs warnings.
public struct ConfigLoader: Sendable {
    public var explicitPath: String?
    public var environment: ConfigEnvironment

    /// - Parameters:
    ///   - explicitPath: `--config PATH`; a missing file is an error.
    ///   - environment: variables and working directory (tests pass their own).
    public init(explicitPath: String? = nil, environment: ConfigEnvironment = .process) {
        self.explicitPath = explicitPath
        self.environment = environment
    }

    /// The configuration and all problems, whatever they are.
    public func evaluate() -> ConfigLoadResult {
        let context = LoadContext(environment: environment)
        var config = Config()
        var file: ConfigFileChoice?
        switch ConfigFileLocator.locate(explicitPath: explicitPath, in: environment) {
        case .success(let choice): file = choice
        case .failure(let problem): context.report(problem)
        }
        if let file, let document = readDocument(file.path, context: context) {
            let root = YAMLSection(document: document, file: file.path, context: context)
            config.read(root)
            root.finish()
        }
        config.read(EnvironmentReader(context: context))
        config.validate(context)
        if let file, context.fileHoldsSecrets {
            context.warnIfShared(file.path, holding: "secrets", location: .file(path: file.path, line: nil, column: nil), key: nil)
        }
        config.origins = context.origins
        config.filePath = file?.path
        let ordered = context.problems.filter { $0.severity == .error } + context.problems.filter { $0.severity == .warning }
        return ConfigLoadResult(config: config, file: file, problems: ordered)
    }

    /// The configuration, or `ConfigError` with every error when there is one. Warnings stay in
    /// the result for the caller to log.
    public func load() throws -> ConfigLoadResult {
        let result = evaluate()
        if result.hasErrors { throw ConfigError(problems: result.errors) }
        return result
    }

    /// The YAML node tree (which keeps line numbers), or nil with the problem reported.
    /// `Node?.none` inside `.some` is an empty document.
    private func readDocument(_ path: String, context: LoadContext) -> Node?? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            context.error(
                "cannot read \(path) as UTF-8 text", at: .file(path: path, line: nil, column: nil), key: nil,
                hint: "check the file's permissions")
            return nil
        }
        do {
            return .some(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            context.report(YAMLSyntax.problem(from: error, file: path))
            return nil
        } catch {
            context.error("cannot parse YAML: \(error)", at: .file(path: path, line: nil, column: nil), key: nil)
            return nil
        }
    }
}

/// Turns Yams' syntax errors into problems that point at the line, without Yams' multi-line snippet.
enum YAMLSyntax {
    static func problem(from error: YamlError, file: String) -> ConfigProblem {
        let hint = "check the indentation and quoting on or just above this line"
        switch error {
        case .scanner(let context, let problem, let mark, _):
            // The scanner fails where it gave up (often the end of the file for an unclosed quote);
            // its context mark is where the broken token started, which is the line to fix.
            let at = context?.mark ?? mark
            let message = "YAML syntax: \(problem)" + (context.map { " (\($0.text))" } ?? "")
            return ConfigProblem(.error, at: .file(path: file, line: at.line, column: at.column), key: nil, message, hint: hint)
        case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let message = "YAML syntax: \(problem)" + (context.map { " (\($0.text) at line \($0.mark.line))" } ?? "")
            return ConfigProblem(.error, at: .file(path: file, line: mark.line, column: mark.column), key: nil, message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigProblem(
                .error, at: .file(path: file, line: context.mark.line, column: context.mark.column), key: nil,
                "duplicate key \(duplicates.joined(separator: ", "))", hint: "keep one of them")
        case .reader(let problem, _, _, _):
            return ConfigProblem(
                .error, at: .file(path: file, line: nil, column: nil), key: nil, "YAML reader: \(problem)", hint: "save the file as UTF-8")
        default:
            return ConfigProblem(.error, at: .file(path: file, line: nil, column: nil), key: nil, "YAML: \(error)")
        }
    }
}
