import Foundation

/// Staff, stores and customers, then the rental history `--scale` multiplies.
extension TableWriter {
    mutating func people() -> [DVDRentalGenerator.Table] {
        var r = random
        let stamp = catalogueStamp
        let picture = "\\x89504e470d0a1a0a" + (0..<120).map { _ in String(format: "%02x", r.int(0...255)) }.joined()
        let staff = table(.staff, ["staff_id", "first_name", "last_name", "address_id", "email", "store_id", "active", "username", "password", "last_update", "picture"]) { t in
            for (id, first, last) in [(1, "Mike", "Hillyer"), (2, "Jon", "Stephens")] {
                t.field(id); t.field(first); t.field(last); t.field(id + 2); t.field("\(first).\(last)@sakilastaff.com"); t.field(id)
                t.field("t"); t.field(first); t.field("8cb2237d0679ca88db6464eac60da96345513964"); t.field(stamp); t.field(id == 1 ? picture : nil); t.endRow()
            }
        }
        let store = table(.store, ["store_id", "manager_staff_id", "address_id", "last_update"]) { t in
            for id in 1...2 { t.field(id); t.field(id); t.field(id); t.field(stamp); t.endRow() }
        }
        let created = SQLTimestamp.date(SQLTimestamp.seconds(year: 2006, month: 2, day: 14))
        let customer = table(.customer, ["customer_id", "store_id", "first_name", "last_name", "email", "address_id", "activebool", "create_date", "last_update", "active"]) { t in
            for id in 1...DVDRentalTable.customer.sampleRows {
                let first = r.pick(SampleWords.firstNames), last = r.pick(SampleWords.lastNames)
                t.field(id); t.field(r.int(1...2)); t.field(first.capitalized); t.field(last.capitalized)
                t.field("\(first.capitalized).\(last.capitalized)@sakilacustomer.org"); t.field(id + 4); t.field("t"); t.field(created)
                t.field(stamp); t.field(r.chance(97) ? 1 : 0); t.endRow()
            }
        }
        random = r
        return [staff, store, customer]
    }

    /// Inventory, rentals (strictly increasing dates, so `(rental_date, inventory_id, customer_id)` is
    /// unique by construction) and one payment for each of the first rentals, by that rental's customer.
    mutating func history(scale: Int) -> [DVDRentalGenerator.Table] {
        var r = random
        let stamp = catalogueStamp
        let items = DVDRentalTable.inventory.rows(scale: scale)
        let inventory = table(.inventory, ["inventory_id", "film_id", "store_id", "last_update"]) { t in
            for id in 1...items { t.field(id); t.field(r.int(1...DVDRentalTable.film.sampleRows)); t.field(r.int(1...2)); t.field(stamp); t.endRow() }
        }
        let rentals = DVDRentalTable.rental.rows(scale: scale)
        let start = SQLTimestamp.seconds(year: 2005, month: 5, day: 24, hour: 22, minute: 53, second: 30)
        let span = SQLTimestamp.seconds(year: 2006, month: 2, day: 14) - start
        let averageStep = max(1, span / rentals)
        var customers = [Int](repeating: 0, count: rentals + 1)
        var staffOf = [Int](repeating: 0, count: rentals + 1)
        let rental = table(.rental, ["rental_id", "rental_date", "inventory_id", "customer_id", "return_date", "staff_id", "last_update"]) { t in
            var at = start
            for id in 1...rentals {
                let customer = r.int(1...DVDRentalTable.customer.sampleRows), staff = r.int(1...2)
                customers[id] = customer
                staffOf[id] = staff
                t.field(id); t.field(SQLTimestamp.text(at)); t.field(r.int(1...items)); t.field(customer)
                t.field(r.chance(99) ? SQLTimestamp.text(at + r.int(3600...(10 * 86_400))) : nil); t.field(staff); t.field(SQLTimestamp.text(at + 86_400 * 30)); t.endRow()
                at += r.int(1...(2 * averageStep - 1))
            }
        }
        let payments = DVDRentalTable.payment.rows(scale: scale)
        let paymentStart = SQLTimestamp.seconds(year: 2007, month: 2, day: 14, hour: 21, minute: 21, second: 59)
        let paymentStep = max(1, (SQLTimestamp.seconds(year: 2007, month: 5, day: 14) - paymentStart) / payments)
        let payment = table(.payment, ["payment_id", "customer_id", "staff_id", "rental_id", "amount", "payment_date"]) { t in
            var at = paymentStart
            for id in 1...payments {
                t.field(id); t.field(customers[id]); t.field(staffOf[id]); t.field(id); t.field("\(r.int(0...11)).99"); t.field(SQLTimestamp.text(at)); t.endRow()
                at += r.int(1...(2 * paymentStep - 1))
            }
        }
        random = r
        return [inventory, rental, payment]
    }
}
