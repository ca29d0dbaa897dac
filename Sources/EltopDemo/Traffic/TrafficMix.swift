/// The kinds of transaction the demo's traffic writes, and the SQL of each: rentals, returns, payments,
/// customer edits and occasional deletes, so the slot's lag and the tables' counts move.
///
/// Each is one transaction (several statements through the simple query protocol run as one). Ids are
/// drawn by the caller; statements pick existing rows in SQL, so they work on any state of the source.
enum TrafficTransaction: CaseIterable, Sendable {
    case rental, returnRental, payment, customerEdit, delete

    /// Out of 100: mostly new rentals and their payments, a few deletes.
    var weight: Int {
        switch self {
        case .rental: return 35
        case .returnRental: return 20
        case .payment: return 25
        case .customerEdit: return 15
        case .delete: return 5
        }
    }

    static func pick(_ roll: Int) -> TrafficTransaction {
        var remaining = roll % 100
        for kind in allCases {
            if remaining < kind.weight { return kind }
            remaining -= kind.weight
        }
        return .rental
    }

    /// The SQL for this transaction; `n` is a random non-negative number choosing rows and values.
    func sql(_ n: Int) -> String {
        let customer = 1 + n % DVDRentalTable.customer.sampleRows
        let staff = 1 + n % 2
        switch self {
        case .rental:
            return """
                INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id)
                SELECT clock_timestamp(), inventory_id, \(customer), \(staff) FROM inventory
                WHERE inventory_id >= (SELECT \(n) % max(inventory_id) + 1 FROM inventory) ORDER BY inventory_id LIMIT 1;
                """
        case .returnRental:
            return """
                UPDATE rental SET return_date = clock_timestamp()
                WHERE rental_id = (SELECT rental_id FROM rental WHERE return_date IS NULL ORDER BY rental_id LIMIT 1);
                """
        case .payment:
            return """
                INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date)
                SELECT customer_id, staff_id, rental_id, \(n % 10).99, clock_timestamp() FROM rental
                WHERE rental_id >= (SELECT max(rental_id) - \(n % 50) FROM rental) ORDER BY rental_id LIMIT 1;
                """
        case .customerEdit:
            return """
                UPDATE customer SET email = lower(first_name) || '.' || lower(last_name) || '\(n % 1000)@sakilacustomer.org', active = \(n % 7 == 0 ? 0 : 1)
                WHERE customer_id = \(customer);
                """
        case .delete:
            // A payment and, when nothing else points at it, the rental it paid for.
            return """
                WITH gone AS (DELETE FROM payment WHERE payment_id = (SELECT max(payment_id) - \(n % 20) FROM payment) RETURNING rental_id)
                DELETE FROM rental r USING gone WHERE r.rental_id = gone.rental_id
                  AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.rental_id = r.rental_id);
                """
        }
    }
}
