import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// A running `eltop demo` seen from outside, as another terminal would reach it: the ports from the
/// demo's `stack.json`, its Airbyte's URL from `airbyte.url`, SQL through psql and the Airbyte API
/// through curl, so every fact a test checks comes from an independent client.
struct DemoSite {
    let directory: String
    let sourceURL: String
    let warehouseURL: String
    let airbyteURL: String
    let connectionID = "5e4ad2b8-0f53-4bd4-9f43-2b8b8b0cdc11"
    /// The 15 dvdrental tables and the tracer's probe: the publication.
    static let tables = [
        "actor", "address", "category", "city", "country", "customer", "film", "film_actor", "film_category",
        "inventory", "language", "payment", "rental", "staff", "store", "eltop_probe",
    ]

    init(dataHome: String) throws {
        directory = dataHome + "/eltop/demo"
        let stackData = try XCTUnwrap(FileManager.default.contents(atPath: directory + "/stack.json"), "no stack.json in \(directory)")
        let stack = try XCTUnwrap(try JSONSerialization.jsonObject(with: stackData) as? [String: Any])
        let sourcePort = try XCTUnwrap(stack["sourcePort"] as? Int), warehousePort = try XCTUnwrap(stack["warehousePort"] as? Int)
        sourceURL = "postgresql://postgres@127.0.0.1:\(sourcePort)/dvdrental"
        warehouseURL = "postgresql://postgres@127.0.0.1:\(warehousePort)/warehouse"
        let url = try String(contentsOfFile: directory + "/airbyte.url", encoding: .utf8)
        airbyteURL = url.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func source(_ sql: String) throws -> String { try Self.psql(sql, url: sourceURL) }
    func warehouse(_ sql: String) throws -> String { try Self.psql(sql, url: warehouseURL) }

    static func psql(_ sql: String, url: String) throws -> String {
        let psql = try TestPostgres.findBinDirectory() + "/psql"
        let (status, output) = try ChildProcess.run(
            "/bin/sh", ["-c", "cd /tmp && exec \"$@\"", "sh", psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard status == 0 else { throw E2EError("psql failed on \(url): \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The connection's newest job as the public API answers it (Basic auth, the demo's own credentials).
    func newestJob() throws -> [String: Any]? {
        let (status, output) = try ChildProcess.run(
            "/usr/bin/curl", ["-sS", "--max-time", "5", "-u", "airbyte:password",
                              "\(airbyteURL)/api/public/v1/jobs?connectionId=\(connectionID)&orderBy=createdAt%7CDESC&limit=1"],
            errors: .discarded)
        guard status == 0, let body = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw E2EError("the demo's Airbyte did not answer GET /jobs: \(output)")
        }
        return (body["data"] as? [[String: Any]])?.first
    }

    /// Waits for job `id` to end and returns it; fails with the last answer when it does not end in time.
    func waitForJob(_ id: Int, seconds: Double) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any]?
        while Date() < deadline {
            last = try newestJob()
            if let job = last, (job["jobId"] as? Int) == id, let status = job["status"] as? String, !["pending", "running", "incomplete"].contains(status) {
                return job
            }
            usleep(200_000)
        }
        throw E2EError("job \(id) did not end within \(Int(seconds)) s; last answer: \(String(describing: last))")
    }

    /// Per table: the source's live rows and raw's rows, each from its own server.
    func rowCounts() throws -> [(table: String, source: String, raw: String)] {
        try Self.tables.map { ($0, try source("SELECT count(*) FROM public.\($0)"), try warehouse("SELECT count(*) FROM raw.\($0)")) }
    }

    var slotActive: String { get throws { try source("SELECT active FROM pg_replication_slots WHERE slot_name = 'airbyte_slot'") } }
    var slotConfirmed: String { get throws { try source("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'airbyte_slot'") } }
}

/// Proves that the slot was streamed, from the source server's own log: with `log_replication_commands`
/// on, every `START_REPLICATION SLOT "airbyte_slot"` a walsender receives is logged. Sampling
/// `pg_replication_slots` instead misses a read shorter than the sampling step, which a loaded machine
/// stretches to tens of milliseconds.
struct SlotReadLog {
    let logPath: String
    let offset: UInt64

    /// Turns the logging on (a reload, no restart) and remembers where the log ends now.
    init(_ demo: DemoSite) throws {
        try demo.source("ALTER SYSTEM SET log_replication_commands = on")
        try demo.source("SELECT pg_reload_conf()")
        logPath = demo.directory + "/logs/source.log"
        offset = (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? UInt64) ?? 0
    }

    /// The START_REPLICATION commands for the slot logged since `init`.
    func slotReads() throws -> [String] {
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: logPath), "no source log at \(logPath)")
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").map(String.init).filter { $0.contains("START_REPLICATION SLOT \"airbyte_slot\"") }
    }
}
