import EltopTestSupport
import Foundation

/// `eltop-bench serve-airbyte N`: the test suite's fake Airbyte (public and config API over a real
/// loopback HTTP server) with N connections, for bench/scale.sh's real binary to poll. Each connection
/// has a few finished syncs and one running with stream counts, so every row of the Airbyte pane is
/// filled. Prints the base URL on one line, then serves until killed.
enum BenchAirbyte {
    static func serve(connections: Int) -> Never {
        Task {
            do {
                let server = try AirbyteTestServer()
                try await server.start()
                let now = Date()
                for c in 0..<connections {
                    let id = await server.fake.addConnection(
                        name: "postgres_to_warehouse_\(c)", scheduleType: "cron", cron: "0 0 * * * ?",
                        streams: (0..<10).map { (name: "table_\(c)_\($0)", syncMode: "incremental_append") })
                    for j in 0..<3 {
                        let job = await server.fake.createJob(connectionID: id, status: "running", at: now.addingTimeInterval(Double(-3_600 * (3 - j))))
                        if j == 1 && c % 7 == 0 {
                            await server.fake.finish(job, status: "failed", failureOrigin: "source", failureMessage: "connection reset by peer")
                        } else {
                            await server.fake.finish(job, status: "succeeded")
                        }
                    }
                    if c % 4 == 0 {
                        let job = await server.fake.createJob(connectionID: id, status: "running", at: now)
                        await server.fake.flush(job, streams: (0..<10).map {
                            AirbyteFakeStream(name: "table_\(c)_\($0)", recordsEmitted: 12_000, recordsCommitted: 10_000, bytesEmitted: 900_000, bytesCommitted: 750_000)
                        })
                    }
                }
                // Keeps the fake from holding every exchange it answers over the run.
                Task {
                    while true {
                        try await Task.sleep(for: .seconds(10))
                        await server.fake.clearExchanges()
                    }
                }
                FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))  // unbuffered: the script waits for it
                try await Task.sleep(for: .seconds(365 * 86_400))
            } catch {
                FileHandle.standardError.write(Data("serve-airbyte: \(error)\n".utf8))
                exit(1)
            }
        }
        dispatchMain()
    }
}
