import Foundation

/// The machine's own PostgreSQL server programs (`/usr/lib/postgresql/<version>/bin`), newest version first.
public struct PostgresServerBinaries: Sendable {
    public let directory: String

    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }
    public var psql: String { directory + "/psql" }

    /// Finds the binaries, or fails with the one line that says what to install.
    public static func find(root: String = "/usr/lib/postgresql") throws -> PostgresServerBinaries {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) })
        where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return PostgresServerBinaries(directory: "\(root)/\(version)/bin")
        }
        throw DemoError(
            "PostgreSQL server binaries not found under \(root): install the Debian package `postgresql` (`sudo apt-get install postgresql`, or `make deps`)")
    }
}

/// A failure of the demo, said in one line that names what to do.
public struct DemoError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
