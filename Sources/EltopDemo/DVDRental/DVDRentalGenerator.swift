import Foundation

/// The DVD-rental data for a seed and scale, as COPY text per table: the same seed and scale give the
/// same bytes on every machine (see `digest`), so tests and demos can rely on what is there.
///
/// Shapes follow the sample: rentals from 2005-05-24, payments in Feb–May 2007 for most rentals (by the
/// rental's customer and staff), a few open rentals without a return date, 5–6 actors per film, one
/// category per film, blank-padded language names, one staff picture.
public struct DVDRentalGenerator: Sendable {
    /// One table's rows, ready for `COPY table (columns) FROM STDIN`.
    public struct Table: Sendable {
        public var table: DVDRentalTable
        public var columns: [String]
        public var data: Data
        public var rows: Int
    }

    public let seed: UInt64
    public let scale: Int

    public init(seed: UInt64 = 2005, scale: Int = 1) {
        self.seed = seed
        self.scale = max(1, scale)
    }

    /// Every table in load order.
    public func generate() -> [Table] {
        var writer = TableWriter(random: SeededRandom(seed: seed))
        let catalogue = writer.catalogue()
        let people = writer.people()
        return catalogue + people + writer.history(scale: scale)
    }

    /// FNV-1a 64 over every table's name and bytes, as 16 hex digits: a fingerprint of the whole data set.
    public static func digest(_ tables: [Table]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        for table in tables {
            table.table.rawValue.utf8.forEach(mix)
            table.data.withUnsafeBytes { $0.forEach(mix) }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The generator's state while it writes tables; one `SeededRandom` drawn in a fixed order.
struct TableWriter {
    var random: SeededRandom
    /// The sample's `last_update` stamps are a handful of fixed times; one is enough.
    let catalogueStamp = SQLTimestamp.text(SQLTimestamp.seconds(year: 2013, month: 5, day: 26, hour: 14, minute: 47, second: 57))

    init(random: SeededRandom) {
        self.random = random
    }

    func table(_ table: DVDRentalTable, _ columns: [String], _ body: (inout CopyText) -> Void) -> DVDRentalGenerator.Table {
        var text = CopyText()
        body(&text)
        return DVDRentalGenerator.Table(table: table, columns: columns, data: text.data, rows: text.rows)
    }

    mutating func catalogue() -> [DVDRentalGenerator.Table] {
        var r = random
        let stamp = catalogueStamp
        let actor = table(.actor, ["actor_id", "first_name", "last_name", "last_update"]) { t in
            for id in 1...DVDRentalTable.actor.sampleRows {
                t.field(id); t.field(r.pick(SampleWords.firstNames)); t.field(r.pick(SampleWords.lastNames)); t.field(stamp); t.endRow()
            }
        }
        let category = table(.category, ["category_id", "name", "last_update"]) { t in
            for (i, name) in SampleWords.categories.enumerated() { t.field(i + 1); t.field(name); t.field(stamp); t.endRow() }
        }
        let country = table(.country, ["country_id", "country", "last_update"]) { t in
            for id in 1...DVDRentalTable.country.sampleRows { t.field(id); t.field(Self.placeName(&r, id)); t.field(stamp); t.endRow() }
        }
        let city = table(.city, ["city_id", "city", "country_id", "last_update"]) { t in
            for id in 1...DVDRentalTable.city.sampleRows {
                // Every country has a city, as in the sample; the rest are spread at random.
                let country = id <= DVDRentalTable.country.sampleRows ? id : r.int(1...DVDRentalTable.country.sampleRows)
                t.field(id); t.field(Self.placeName(&r, id)); t.field(country); t.field(stamp); t.endRow()
            }
        }
        let address = table(.address, ["address_id", "address", "address2", "district", "city_id", "postal_code", "phone", "last_update"]) { t in
            for id in 1...DVDRentalTable.address.sampleRows {
                t.field(id); t.field("\(r.int(1...1999)) \(Self.placeName(&r, id)) \(r.pick(SampleWords.streets))")
                t.field(id <= 4 ? nil : ""); t.field(r.pick(SampleWords.districts)); t.field(r.int(1...DVDRentalTable.city.sampleRows))
                t.field(r.chance(97) ? String(r.int(10000...99999)) : nil); t.field(String(r.int(100_000_000...999_999_999))); t.field(stamp); t.endRow()
            }
        }
        let language = table(.language, ["language_id", "name", "last_update"]) { t in
            for (i, name) in SampleWords.languages.enumerated() {
                t.field(i + 1); t.field(name.padding(toLength: 20, withPad: " ", startingAt: 0)); t.field(stamp); t.endRow()
            }
        }
        let film = table(.film, ["film_id", "title", "description", "release_year", "language_id", "rental_duration", "rental_rate", "length", "replacement_cost", "rating", "last_update", "special_features"]) { t in
            for id in 1...DVDRentalTable.film.sampleRows {
                t.field(id); t.field("\(r.pick(SampleWords.titleWords)) \(r.pick(SampleWords.titleWords)) \(id)")
                t.field("A \(r.pick(SampleWords.adjectives)) \(r.pick(SampleWords.genres)) of a \(r.pick(SampleWords.roles)) And a \(r.pick(SampleWords.roles)) who must \(r.pick(SampleWords.verbs)) a \(r.pick(SampleWords.roles)) in \(r.pick(SampleWords.places))")
                t.field(2006); t.field(1); t.field(r.int(3...7)); t.field(r.pick(["0.99", "2.99", "4.99"])); t.field(r.int(46...185))
                t.field("\(r.int(9...29)).99"); t.field(r.pick(SampleWords.ratings)); t.field(stamp)
                let features = SampleWords.features.filter { _ in r.chance(45) }
                t.field("{" + features.map { "\"\($0)\"" }.joined(separator: ",") + "}"); t.endRow()
            }
        }
        let filmActor = table(.film_actor, ["actor_id", "film_id", "last_update"]) { t in
            let films = DVDRentalTable.film.sampleRows
            let extra = DVDRentalTable.film_actor.sampleRows - 5 * films
            for filmID in 1...films {
                var cast = Set<Int>()
                while cast.count < (filmID <= extra ? 6 : 5) { cast.insert(r.int(1...DVDRentalTable.actor.sampleRows)) }
                for actorID in cast.sorted() { t.field(actorID); t.field(filmID); t.field(stamp); t.endRow() }
            }
        }
        let filmCategory = table(.film_category, ["film_id", "category_id", "last_update"]) { t in
            for filmID in 1...DVDRentalTable.film.sampleRows {
                t.field(filmID); t.field(r.int(1...SampleWords.categories.count)); t.field(stamp); t.endRow()
            }
        }
        random = r
        return [actor, category, country, city, address, language, film, filmActor, filmCategory]
    }

    static func placeName(_ r: inout SeededRandom, _ id: Int) -> String {
        (0..<r.int(2...3)).map { _ in r.pick(SampleWords.placeSyllables) }.joined().lowercased().capitalized
    }
}
