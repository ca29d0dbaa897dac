import EltopReplication
import XCTest

/// The decoder on bytes a real PostgreSQL 15 sent (Fixtures/changes.hex, made by capture-changes.sql).
final class PgOutputDecoderTests: XCTestCase {
    private var messages: [PgOutputMessage] = []
    private var captured: [CapturedMessage] = []

    override func setUpWithError() throws {
        captured = try CapturedMessages.load()
        messages = try captured.map { message in try message.payload.withUnsafeBytes { try PgOutputDecoder.decode($0) } }
        XCTAssertEqual(messages.count, 33)
    }

    func testBeginAndCommitFrameEachTransactionWithItsXidAndEndLSN() throws {
        guard case .begin(let begin) = messages[0], case .commit(let commit) = messages[3] else { return XCTFail("\(messages[0]) \(messages[3])") }
        XCTAssertEqual(begin.xid, captured[0].xid)
        XCTAssertEqual(begin.finalLSN, commit.commitLSN)
        // The peek function reports a Commit at its end LSN, as the walsender's XLogData header does.
        XCTAssertEqual(commit.endLSN.description, captured[3].lsn)
        XCTAssertGreaterThan(commit.commitTime, 0)
        let begins = messages.filter { if case .begin = $0 { true } else { false } }.count
        let commits = messages.filter { if case .commit = $0 { true } else { false } }.count
        XCTAssertEqual(begins, 8)
        XCTAssertEqual(commits, 8)
    }

    func testRelationCarriesKeyFlagsAndTypeOIDs() throws {
        guard case .relation(let rental) = messages[1], case .relation(let filmActor) = messages[9] else { return XCTFail() }
        XCTAssertEqual(rental.namespace, "public")
        XCTAssertEqual(rental.name, "rental")
        XCTAssertEqual(rental.replicaIdentity, UInt8(ascii: "d"))
        XCTAssertEqual(rental.columns.map(\.name), ["rental_id", "rental_date", "inventory_id", "customer_id", "return_date", "staff_id", "last_update"])
        XCTAssertEqual(rental.keyColumnIndices, [0])
        XCTAssertEqual(rental.columns[0].typeOID, 23)  // int4
        XCTAssertEqual(rental.columns[1].typeOID, 1114)  // timestamp
        XCTAssertEqual(filmActor.keyColumnIndices, [0, 1], "a composite key flags both columns")
    }

    func testTypeMessagesNameTheEnumAndGiveTheDomainItsBaseTypeName() throws {
        guard case .type(let domainOID, let domainNamespace, let domainName) = messages[5],
            case .type(let enumOID, let enumNamespace, let enumName) = messages[6],
            case .relation(let film) = messages[7]
        else { return XCTFail("\(messages[5...7])") }
        XCTAssertEqual(domainName, "int4", "for a domain pgoutput sends the base type's name")
        XCTAssertEqual(domainNamespace, "", "pg_catalog types come with an empty namespace")
        XCTAssertEqual(enumNamespace, "public")
        XCTAssertEqual(enumName, "mpaa_rating")
        let year = try XCTUnwrap(film.columns.first { $0.name == "release_year" })
        let rating = try XCTUnwrap(film.columns.first { $0.name == "rating" })
        XCTAssertEqual(year.typeOID, domainOID, "the domain's own OID")
        XCTAssertEqual(rating.typeOID, enumOID)
        var cache = RelationCache()
        messages.forEach { cache.observe($0) }
        XCTAssertEqual(cache.typeNames[enumOID], "public.mpaa_rating")
    }

    func testInsertWithNullsAndTextValues() throws {
        guard case .insert(_, let row) = messages[2] else { return XCTFail() }
        XCTAssertEqual(row.values, [.text("1"), .text("2005-05-24 22:53:30"), .text("367"), .text("130"), .null, .text("1"), .text("2006-02-15 21:30:53")])
    }

    func testMultiTableTransactionCarriesEnumDomainArrayTsvectorAndToastedText() throws {
        let inserts = messages[4...13].compactMap { message -> (UInt32, Tuple)? in
            if case .insert(let id, let tuple) = message { return (id, tuple) }
            return nil
        }
        XCTAssertEqual(inserts.count, 4)
        XCTAssertEqual(Set(inserts.map(\.0)).count, 3, "film, film_actor and rental in one transaction")
        let film = inserts[0].1.values
        XCTAssertEqual(film[1], .text("Academy Dinosaur"))
        XCTAssertEqual(film[2].text?.count, 4700, "the TOASTed description arrives whole on insert")
        XCTAssertEqual(film[3], .text("2006"))
        XCTAssertEqual(film[4], .text("0.99"))
        XCTAssertEqual(film[5], .text("PG"))
        XCTAssertEqual(film[6], .text("{\"Deleted Scenes\",\"Behind the Scenes\"}"))
        XCTAssertEqual(film[7], .text("'academi':1 'dinosaur':2"))
        XCTAssertEqual(inserts[1].1.values.prefix(2), [.text("1"), .text("1")])
        XCTAssertEqual(inserts[2].1.values.prefix(2), [.text("10"), .text("1")])
    }

    func testUpdateMarksTheUntouchedToastedValueUnchanged() throws {
        guard case .update(_, let old, let new) = messages[15] else { return XCTFail("\(messages[15])") }
        XCTAssertNil(old, "REPLICA IDENTITY DEFAULT sends no old row when the key stays")
        XCTAssertEqual(new.values[2], .unchangedToast)
        XCTAssertEqual(new.values[4], .text("2.99"))
        XCTAssertEqual(new.values[5], .text("NC-17"))
        guard case .update(_, nil, let rental) = messages[18] else { return XCTFail() }
        XCTAssertEqual(rental.values[4], .null, "an update to NULL")
    }

    func testUpdateOfACompositeKeySendsTheOldKey() throws {
        guard case .update(_, let old?, let new) = messages[21] else { return XCTFail("\(messages[21])") }
        XCTAssertEqual(old.values, [.text("10"), .text("1"), .null])
        XCTAssertEqual(new.values.prefix(2), [.text("11"), .text("1")])
    }

    func testDeletesCarryOnlyTheKey() throws {
        guard case .delete(_, let filmActor) = messages[24], case .delete(_, let rental) = messages[27] else { return XCTFail() }
        XCTAssertEqual(filmActor.values, [.text("1"), .text("1"), .null])
        XCTAssertEqual(rental.values, [.text("1"), .null, .null, .null, .null, .null, .null])
    }

    func testTruncateListsItsRelations() throws {
        guard case .relation(let rental) = messages[30], case .truncate(let ids, let cascade, let restart) = messages[31] else { return XCTFail() }
        XCTAssertEqual(ids, [rental.id])
        XCTAssertFalse(cascade)
        XCTAssertFalse(restart)
    }

    func testRelationCacheChecksTupleWidth() throws {
        var cache = RelationCache()
        messages[0...1].forEach { cache.observe($0) }
        guard case .insert(let id, let tuple) = messages[2] else { return XCTFail() }
        XCTAssertEqual(try cache.relation(for: id, tuple: tuple).name, "rental")
        XCTAssertThrowsError(try cache.relation(for: id, tuple: Tuple(values: [.null])))
        XCTAssertThrowsError(try RelationCache().relation(for: id, tuple: tuple)) { XCTAssertEqual($0 as? DecodeError, .unknownRelation(id)) }
    }

    func testTruncatedAndUnknownBytesThrowInsteadOfTrapping() throws {
        for message in captured {
            for cut in stride(from: 0, to: message.payload.count, by: max(1, message.payload.count / 7)) {
                let prefix = Array(message.payload.prefix(cut))
                XCTAssertThrowsError(try prefix.withUnsafeBytes { try PgOutputDecoder.decode($0) }, "\(message.lsn) cut at \(cut)")
            }
        }
        XCTAssertThrowsError(try [UInt8(ascii: "Z")].withUnsafeBytes { try PgOutputDecoder.decode($0) }) { XCTAssertEqual($0 as? DecodeError, .unknownMessage(UInt8(ascii: "Z"))) }
    }

    func testReplicationFramesSplitXLogDataFromKeepalives() throws {
        var w: [UInt8] = [UInt8(ascii: "w")]
        for value: UInt64 in [0x1934A00, 0x1934A00, 42] { withUnsafeBytes(of: value.bigEndian) { w.append(contentsOf: $0) } }
        w.append(contentsOf: captured[3].payload)
        let frame = try w.withUnsafeBytes { try ReplicationFrame.parse($0) }
        XCTAssertEqual(frame, .xLogData(recordLSN: LSN(0x1934A00), sendTime: 42, payloadOffset: 25))
        var k: [UInt8] = [UInt8(ascii: "k")]
        for value: UInt64 in [0x1935440, 7] { withUnsafeBytes(of: value.bigEndian) { k.append(contentsOf: $0) } }
        k.append(1)
        XCTAssertEqual(try k.withUnsafeBytes { try ReplicationFrame.parse($0) }, .keepalive(walEnd: LSN("0/1935440")!, sendTime: 7, replyRequested: true))
        XCTAssertThrowsError(try k.dropLast().withUnsafeBytes { try ReplicationFrame.parse($0) })
    }
}
