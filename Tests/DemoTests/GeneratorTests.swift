import EltopDemo
import Foundation
import Testing

/// The generator is a pure function of seed and scale.
@Suite("DVD-rental generator") struct GeneratorTests {
    /// The digest of seed 2005 at scale 1. It changes only when the generator does on purpose; a
    /// different value on another machine means the data depends on the platform.
    static let pinnedDigest = "2255708da49e87e8"

    @Test func sameSeedGivesTheSameRows() {
        let first = DVDRentalGenerator.digest(DVDRentalGenerator(seed: 2005).generate())
        let second = DVDRentalGenerator.digest(DVDRentalGenerator(seed: 2005).generate())
        #expect(first == second)
        #expect(first == Self.pinnedDigest)
    }

    @Test func anotherSeedGivesOtherRows() {
        #expect(DVDRentalGenerator.digest(DVDRentalGenerator(seed: 1).generate()) != DVDRentalGenerator.digest(DVDRentalGenerator(seed: 2).generate()))
    }

    @Test func rowCountsFollowTheSampleAndTheScale() {
        for scale in [2] {
            for table in DVDRentalGenerator(seed: 7, scale: scale).generate() {
                #expect(table.rows == table.table.rows(scale: scale), "\(table.table) at scale \(scale)")
                let lines = table.data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                #expect(lines == table.rows)
            }
        }
        #expect(DVDRentalTable.rental.rows(scale: 2) == 2 * 16044)
        #expect(DVDRentalTable.film.rows(scale: 2) == 1000)
    }
}
