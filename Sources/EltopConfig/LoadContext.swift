import Foundation

/// What one configuration load collects while it reads YAML and environment: every problem found,
/// where each value came from, and whether the YAML file itself holds a secret.
///
/// A reference type because the YAML sections and the environment reader all write to it.
final class LoadContext {
    let environment: ConfigEnvironment
    private(set) var problems: [ConfigProblem] = []
    /// Dotted key path → where its value was last set (YAML line or env var).
    private(set) var origins: [String: ConfigLocation] = [:]
    /// True once an inline secret (or a connection string with a password) was read from the file,
    /// which makes a group- or world-readable file worth a warning.
    var fileHoldsSecrets = false

    init(environment: ConfigEnvironment) {
        self.environment = environment
    }

    func report(_ problem: ConfigProblem) {
        problems.append(problem)
    }

    /// Whether an error was already reported for `section` or a key under it. Checks across keys
    /// (a user name without its password) skip such sections: after a typo in `pasword` the
    /// "unknown key" error is the one to read, not a second one caused by it.
    func hasErrors(under section: String) -> Bool {
        problems.contains { problem in
            guard problem.severity == .error, let key = problem.keyPath else { return false }
            return key == section || key.hasPrefix(section + ".")
        }
    }

    func error(_ message: String, at location: ConfigLocation, key: String?, hint: String? = nil) {
        report(ConfigProblem(.error, at: location, key: key, message, hint: hint))
    }

    func warning(_ message: String, at location: ConfigLocation, key: String?, hint: String? = nil) {
        report(ConfigProblem(.warning, at: location, key: key, message, hint: hint))
    }

    func record(_ keyPath: String, at location: ConfigLocation) {
        origins[keyPath] = location
    }

    func origin(of keyPath: String) -> ConfigLocation {
        origins[keyPath] ?? .none
    }

    /// The contents of a `*_file` secret with its trailing newline(s) removed (editors and
    /// `echo > file` add one; no password ends in a newline). Problems are reported at `location`,
    /// the key or variable that named the file.
    func readSecretFile(_ path: String, key: String, location: ConfigLocation) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            error("secret file \(path) does not exist", at: location, key: key, hint: "fix the path or create the file")
            return nil
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            error("secret file \(path) cannot be read", at: location, key: key, hint: "make it a regular file readable by this user")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            error("secret file \(path) is not UTF-8 text", at: location, key: key)
            return nil
        }
        var value = Substring(text)
        while let last = value.last, last.isNewline { value = value.dropLast() }
        guard !value.isEmpty else {
            error("secret file \(path) is empty", at: location, key: key, hint: "write the secret into the file")
            return nil
        }
        warnIfShared(path, holding: "a secret", location: location, key: key)
        return String(value)
    }

    /// Warns when `path` can be read by its group or by everyone (mode & 0o077), because it holds
    /// `what` (a secret, a private key).
    func warnIfShared(_ path: String, holding what: String, location: ConfigLocation, key: String?) {
        guard let mode = FilePermissions.mode(of: path), mode & 0o077 != 0 else { return }
        warning(
            "\(path) holds \(what) but is readable by its group or others (mode \(String(mode, radix: 8)))",
            at: location, key: key, hint: "chmod 600 \(path)")
    }
}

/// POSIX permission bits of a file, through Foundation so no libc call is needed.
enum FilePermissions {
    static func mode(of path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? NSNumber
        else { return nil }
        return permissions.intValue & 0o777
    }
}
