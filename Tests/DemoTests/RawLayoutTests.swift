import EltopDemo
import EltopPostgres
import Foundation
import Testing

/// The initial snapshot in raw: Airbyte's columns and the type table, checked against the source by
/// independent queries on both servers.
@Suite("Raw layout") struct RawLayoutTests {
    @Test func everyPublishedTableIsInRawWithTheSourceRowCount() async throws {
        let demo = try await SharedDemoStack.get()
        for table in DVDRentalTable.allCases.map(\.rawValue) + ["eltop_probe"] {
            let source = try Psql.value("SELECT count(*) FROM \(table)", url: demo.endpoints.sourceAdminURL)
            let raw = try Psql.value("SELECT count(*) FROM raw.\(table)", url: demo.endpoints.warehouseURL)
            #expect(raw == source, "raw.\(table)")
        }
    }

    @Test func columnsLandAsTheTypeTableSays() async throws {
        let url = try await SharedDemoStack.get().endpoints.warehouseURL
        let types = try Psql.value(
            """
            SELECT string_agg(table_name || '.' || column_name || '=' || data_type, ' ' ORDER BY table_name, column_name) FROM information_schema.columns
            WHERE table_schema = 'raw' AND (table_name, column_name) IN (('film','special_features'),('film','fulltext'),('film','release_year'),('film','rating'),
              ('film','rental_rate'),('staff','picture'),('staff','active'),('language','name'),('rental','rental_date'),('customer','create_date'),
              ('film','_ab_cdc_lsn'),('film','_ab_cdc_updated_at'),('film','_ab_cdc_deleted_at'),('film','_airbyte_meta'),('film','_airbyte_raw_id'),
              ('film','_airbyte_extracted_at'),('film','_airbyte_generation_id'))
            """, url: url)
        #expect(types == [
            "film._ab_cdc_deleted_at=timestamp with time zone", "film._ab_cdc_lsn=numeric", "film._ab_cdc_updated_at=timestamp with time zone",
            "film._airbyte_extracted_at=timestamp with time zone", "film._airbyte_generation_id=bigint", "film._airbyte_meta=jsonb",
            "film._airbyte_raw_id=text", "film.fulltext=text", "film.rating=text", "film.release_year=bigint", "film.rental_rate=numeric",
            "film.special_features=jsonb", "language.name=text", "rental.rental_date=timestamp without time zone", "staff.active=boolean",
            "staff.picture=text", "customer.create_date=date",
        ].sorted().joined(separator: " "))
    }

    @Test func valuesKeepTheSourcesTextForms() async throws {
        let demo = try await SharedDemoStack.get()
        let source = demo.endpoints.sourceAdminURL, raw = demo.endpoints.warehouseURL
        // bytea as base64 without line breaks, character(20) padded, text[] as a JSON array, tsvector as text.
        #expect(try Psql.value("SELECT picture FROM raw.staff WHERE staff_id = 1", url: raw)
            == Psql.value("SELECT translate(encode(picture, 'base64'), E'\\n', '') FROM staff WHERE staff_id = 1", url: source))
        #expect(try Psql.value("SELECT count(*) FROM raw.language WHERE length(name) = 20", url: raw) == "6")
        for filmID in [1, 500, 1000] {
            #expect(try Psql.value("SELECT special_features::text FROM raw.film WHERE film_id = \(filmID)", url: raw)
                == Psql.value("SELECT to_jsonb(special_features)::text FROM film WHERE film_id = \(filmID)", url: source))
            #expect(try Psql.value("SELECT fulltext || rating || rental_rate FROM raw.film WHERE film_id = \(filmID)", url: raw)
                == Psql.value("SELECT fulltext::text || rating::text || rental_rate::text FROM film WHERE film_id = \(filmID)", url: source))
        }
        #expect(try Psql.value("SELECT DISTINCT _airbyte_meta::text FROM raw.rental", url: raw) == #"{"changes": [], "sync_id": 1}"#)
        let lsn = try Psql.value("SELECT count(DISTINCT _ab_cdc_lsn) || ' ' || bool_and(_ab_cdc_lsn > 0) || ' ' || count(*) FILTER (WHERE _ab_cdc_deleted_at IS NOT NULL) FROM raw.payment", url: raw)
        #expect(lsn == "1 true 0", "snapshot rows share the snapshot's LSN and none is deleted")
    }

    @Test func conversionsHandleNullsAndEdgeValues() async throws {
        let url = try await SharedDemoStack.get().endpoints.warehouseURL
        let numeric = RawColumnType.numeric
        #expect(try Psql.value("SELECT coalesce(\(numeric.conversion(of: "'NaN'"))::text, 'null') || ' ' || \(numeric.conversion(of: "'12.50'"))", url: url) == "null 12.50")
        let ints = RawColumnType.forSource(.array(element: .builtin(oid: BuiltinTypeOID.int4, name: "int4")))
        #expect(try Psql.value("SELECT \(ints.conversion(of: "'{1,NULL,3}'"))::text || ' ' || coalesce(\(ints.conversion(of: "NULL")), 'null')", url: url) == "[1, null, 3] null")
        let texts = RawColumnType.forSource(.array(element: .builtin(oid: BuiltinTypeOID.text, name: "text")))
        #expect(try Psql.value(#"SELECT \#(texts.conversion(of: #"'{"a b","c,d",NULL}'"#))::text"#, url: url) == #"["a b", "c,d", null]"#)
        #expect(RawColumnType.forSource(.domain(name: "year", base: .builtin(oid: BuiltinTypeOID.int4, name: "int4"))) == .bigint)
        #expect(RawColumnType.forSource(.enumeration(name: "mpaa_rating")) == .text)
    }
}
