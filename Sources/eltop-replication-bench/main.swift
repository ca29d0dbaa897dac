import EltopPostgres
import EltopReplication
import EltopSpawn
import EltopTestSupport
import Foundation

// eltop-replication-bench: the replication figures of docs/benchmarks.md, on a private test cluster.
// The fixed workload: 10,000 rentals inserted, 5,000 updated, 1,000 deleted, in 100 transactions.
// 1. pgoutput decoding in-process: CopyData payload bytes captured from a copy of the slot, decoded
//    into typed rows (messages bound to their relation, in the table's column order), MB/s.
// 2. The same range read over the wire by eltop's reader and by pg_recvlogical, each on its own copy
//    of the slot (pg_copy_logical_replication_slot), since a reader consumes what it confirms.
// 3. The workload from START_REPLICATION to committed in raw (a sync by the real engine).
// Figures are printed, never asserted.

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let pg = try TestPostgres.start()
defer { pg.stop() }
let source = try pg.createDatabase(prefix: "bench_src")
let warehouse = try pg.createDatabase(prefix: "bench_wh")
try pg.psql("""
    CREATE TABLE rental (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL, inventory_id integer NOT NULL,
        customer_id smallint NOT NULL, return_date timestamp, staff_id smallint NOT NULL, last_update timestamp NOT NULL DEFAULT now());
    CREATE PUBLICATION airbyte_publication FOR TABLE rental;
    """, database: source)
try pg.psql("SELECT pg_create_logical_replication_slot('airbyte_slot', 'pgoutput')", database: source)
let connection = SyncConnection(connectionId: "bench", sourceConninfo: pg.url(database: source), warehouseConninfo: pg.url(database: warehouse))
let engine = PostgresSyncEngine()
_ = try await engine.runSync(connection: connection, syncId: 1) { _ in }

var workload: [String] = []
for t in 0..<100 {
    let a = t * 100 + 1, b = (t + 1) * 100
    workload.append("""
        BEGIN;
        INSERT INTO rental (rental_date, inventory_id, customer_id, return_date, staff_id)
        SELECT timestamp '2005-05-24 22:53:30' + g * interval '1 minute', g % 4581 + 1, g % 599 + 1, timestamp '2005-05-28' + g * interval '1 minute', g % 2 + 1
        FROM generate_series(\(a), \(b)) AS g;
        UPDATE rental SET return_date = return_date + interval '1 day', staff_id = 3 - staff_id WHERE rental_id BETWEEN \(a) AND \(a + 49);
        DELETE FROM rental WHERE rental_id BETWEEN \(a + 90) AND \(a + 99);
        COMMIT;
        """)
}
try pg.psql(workload.joined(separator: "\n"), database: source)
try pg.psql("SELECT pg_copy_logical_replication_slot('airbyte_slot', 'copy_eltop'), pg_copy_logical_replication_slot('airbyte_slot', 'copy_recvlogical')", database: source)
let end = LSN(try pg.psql("SELECT pg_current_wal_insert_lsn()", database: source))!
try pg.psql("SELECT pg_switch_wal()", database: source)  // flush everything up to `end`

// 2a. eltop's reader over the wire, keeping the messages for the in-process figure.
let reader = ReplicationConnection(conninfo: pg.url(database: source))
var captured: [ReplicationConnection.CopyDataBatch] = []
let wireSeconds = try await seconds {
    try await reader.startLogicalReplication(slot: "copy_eltop", from: 0, options: ["proto_version": "1", "publication_names": "airbyte_publication"])
    reading: while true {
        let batch = try await reader.read(timeoutMilliseconds: 1000)
        captured.append(batch)
        var done = false
        for i in 0..<batch.count {
            try batch.withMessage(at: i) { message in
                switch try ReplicationFrame.parse(message) {
                case .keepalive(let walEnd, _, _): if walEnd >= end { done = true }
                case .xLogData(_, _, let offset):
                    if case .commit(let commit) = try PgOutputDecoder.decode(UnsafeRawBufferPointer(rebasing: message[offset...])), commit.endLSN >= end { done = true }
                }
            }
        }
        if done || batch.streamEnded { break reading }
    }
    try await reader.stopStreaming()
}
await reader.close()

// 1. In-process decoding of the captured payloads into typed rows.
struct DecodeCounts { var payloadBytes = 0, rows = 0, messages = 0 }
func decodeAll(_ captured: [ReplicationConnection.CopyDataBatch]) throws -> DecodeCounts {
    var cache = RelationCache()
    var counts = DecodeCounts()
    for batch in captured {
        for i in 0..<batch.count {
            try batch.withMessage(at: i) { message in
                guard case .xLogData(_, _, let offset) = try ReplicationFrame.parse(message) else { return }
                let payload = UnsafeRawBufferPointer(rebasing: message[offset...])
                counts.payloadBytes += payload.count
                counts.messages += 1
                let decoded = try PgOutputDecoder.decode(payload)
                cache.observe(decoded)
                switch decoded {
                case .insert(let id, let tuple), .update(let id, _, let tuple), .delete(let id, let tuple):
                    counts.rows += try cache.relation(for: id, tuple: tuple).columns.count == tuple.values.count ? 1 : 0
                default: break
                }
            }
        }
    }
    return counts
}
let counts = try decodeAll(captured)
let (payloadBytes, rows, messages) = (counts.payloadBytes, counts.rows, counts.messages)
var decodeTimes: [Double] = []
var checksum = 0
let frozen = captured
for _ in 0..<7 { decodeTimes.append(try await seconds { for _ in 0..<20 { checksum &+= try decodeAll(frozen).rows } } / 20) }
let decodeSeconds = decodeTimes.sorted()[3]

// 2b. pg_recvlogical over the same range on its own copy of the slot.
let bin = try TestPostgres.findBinDirectory()
let recvSeconds = try await seconds {
    let (status, output) = try ChildProcess.run("\(bin)/pg_recvlogical", [
        "-d", pg.url(database: source), "--slot", "copy_recvlogical", "--start", "--no-loop", "-E", end.description,
        "-o", "proto_version=1", "-o", "publication_names=airbyte_publication", "-f", "/dev/null",
    ])
    if status != 0 { print("pg_recvlogical failed (\(status)): \(output)") }
}

// 3. The engine: START_REPLICATION to committed in raw.
let syncStart = DispatchTime.now().uptimeNanoseconds
let outcome = try await engine.runSync(connection: connection, syncId: 2) { _ in }
let syncSeconds = Double(DispatchTime.now().uptimeNanoseconds - syncStart) / 1e9
let rawRows = try pg.psql("SELECT count(*) FROM raw.rental", database: warehouse)
let sourceRows = try pg.psql("SELECT count(*) FROM rental", database: source)

let mb = Double(payloadBytes) / 1e6
BenchSummary.add("pgoutput: read the range over the wire", unit: "MB/s", eltop: mb / wireSeconds, peer: "pg_recvlogical", peerValue: mb / recvSeconds)
BenchSummary.add("pgoutput: decode in-process into typed rows", unit: "MB/s", eltop: mb / decodeSeconds)
print("workload: 10,000 inserts + 5,000 updates + 1,000 deletes in 100 transactions; \(messages) pgoutput messages, \(rows) rows, \(String(format: "%.2f", mb)) MB of CopyData payload")
print(String(format: "decode in-process into typed rows: %.1f ms = %.0f MB/s", decodeSeconds * 1000, mb / decodeSeconds))
print(String(format: "read the range over the wire, eltop's reader (decode included): %.0f ms", wireSeconds * 1000))
print(String(format: "read the range over the wire, pg_recvlogical to /dev/null (process start included): %.0f ms", recvSeconds * 1000))
print(String(format: "eltop's reader / pg_recvlogical: %.2fx the time (%.0f vs %.0f MB/s of payload)", wireSeconds / recvSeconds, mb / wireSeconds, mb / recvSeconds))
print(String(format: "sync, START_REPLICATION to committed in raw: %.0f ms (%@ rows in raw, %@ in the source, %lld records committed)", syncSeconds * 1000, rawRows, sourceRows, outcome.progress.recordsCommitted))
