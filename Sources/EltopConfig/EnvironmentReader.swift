/// Reads the environment variables that override the YAML file, recording each value's origin
/// under the YAML key it overrides so `eltop config check` can say "from env AIRBYTE_PASSWORD".
struct EnvironmentReader {
    let context: LoadContext

    private var environment: ConfigEnvironment { context.environment }

    func string(_ name: String, for keyPath: String) -> String? {
        guard let value = environment.value(name) else { return nil }
        context.record(keyPath, at: .environment(name))
        return value
    }

    /// A path, made absolute against the working directory.
    func path(_ name: String, for keyPath: String) -> String? {
        string(name, for: keyPath).map { environment.absolutePath($0, relativeTo: environment.currentDirectory) }
    }

    /// Comma-separated values.
    func list(_ name: String, for keyPath: String) -> [String]? {
        string(name, for: keyPath).map(CommaList.split)
    }

    /// One of a fixed set of words; anything else is an error naming the variable.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, for keyPath: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(name, for: keyPath) else { return nil }
        if let value = T(rawValue: text.lowercased()) { return value }
        context.error(
            "invalid value \"\(text)\"", at: .environment(name), key: keyPath,
            hint: "use one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    /// A secret from `NAME` or from the file named by `NAME_FILE` (Docker and Kubernetes mount
    /// secrets as files); setting both is an error rather than a silent pick.
    func secret(_ name: String, for keyPath: String) -> Secret? {
        guard let (value, origin) = valueOrFile(name, for: keyPath) else { return nil }
        return Secret(value, origin: origin)
    }

    /// A libpq connection string from `NAME` or `NAME_FILE`.
    func connectionString(_ name: String, for keyPath: String) -> ConnectionString? {
        guard let (value, origin) = valueOrFile(name, for: keyPath) else { return nil }
        return ConnectionString(value, origin: origin)
    }

    /// Those of `names` that are set (non-empty), in the given order.
    func setNames(among names: [String]) -> [String] {
        names.filter { environment.value($0) != nil }
    }

    private func valueOrFile(_ name: String, for keyPath: String) -> (String, String)? {
        let fileName = name + "_FILE"
        let direct = environment.value(name)
        let filePath = environment.value(fileName)
        switch (direct, filePath) {
        case (nil, nil):
            return nil
        case (_?, _?):
            context.error("both \(name) and \(fileName) are set", at: .environment(fileName), key: keyPath, hint: "unset one of them")
            return nil
        case (let value?, nil):
            context.record(keyPath, at: .environment(name))
            return (value, name)
        case (nil, let path?):
            let absolute = environment.absolutePath(path, relativeTo: environment.currentDirectory)
            context.record(keyPath, at: .environment(fileName))
            guard let contents = context.readSecretFile(absolute, key: keyPath, location: .environment(fileName)) else { return nil }
            return (contents, "\(fileName) \(absolute)")
        }
    }
}
