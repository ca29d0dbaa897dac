import EltopSpawn
import Foundation

/// The small dbt project in `Tests/DbtTests/Fixtures/project`, copied to a temp dir with a
/// `profiles.yml` pointing at a fresh database on the shared test PostgreSQL, for the dbt tests and
/// the end-to-end tests alike.
public struct DbtFixtureProject {
    /// The repository root, from this file's place in it.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = repository.appendingPathComponent("Tests/DbtTests/Fixtures")

    public let directory: URL
    public let database: String
    public let postgres: TestPostgres

    /// `<repo>/.venv/bin/dbt`, or an error that says how to get it: a missing dbt is a broken setup,
    /// not a reason to skip.
    public static func dbtExecutable() throws -> String {
        let path = repository.appendingPathComponent(".venv/bin/dbt").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ChildProcessError(description: "dbt not found at \(path): run `make deps` (or link .venv to a venv with dbt-core<1.12 and dbt-postgres)")
        }
        return path
    }

    /// A fresh copy; `prefix` names its database and folder.
    public static func make(prefix: String) throws -> DbtFixtureProject {
        let postgres = try TestPostgres.shared()
        let database = try postgres.createDatabase(prefix: prefix)
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("project"), to: directory)
        let profile = """
            eltop_fixture:
              target: test
              outputs:
                test:
                  type: postgres
                  host: 127.0.0.1
                  port: \(postgres.port)
                  user: postgres
                  password: ""
                  dbname: \(database)
                  schema: eltop
                  threads: 2
            """
        try profile.write(to: directory.appendingPathComponent("profiles.yml"), atomically: true, encoding: .utf8)
        return DbtFixtureProject(directory: directory, database: database, postgres: postgres)
    }

    public func remove() { try? FileManager.default.removeItem(at: directory) }
}
