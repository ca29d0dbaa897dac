import Foundation

/// Holds the exposition against `snapshot --json` of the same state: every figure both show must be
/// the same number. Returns one line per disagreement (empty: they agree), and how many figures it compared.
enum SnapshotAgreement {
    static func mismatches(_ samples: [Sample], snapshot json: Data) throws -> (problems: [String], compared: Int) {
        let root = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        var problems: [String] = [], compared = 0
        func check(_ what: String, _ metric: Double?, _ snapshot: Any?) {
            let expected: Double?
            switch snapshot {
            case let b as Bool: expected = b ? 1 : 0
            case let i as Int: expected = Double(i)
            case let n as NSNumber: expected = n.doubleValue
            default: expected = nil
            }
            compared += 1
            // JSON text and exposition text may print a double's last digit differently.
            let same = metric == expected || (metric != nil && expected != nil && abs(metric! - expected!) <= 1e-9 * max(1, abs(expected!)))
            if !same { problems.append("\(what): metric \(metric.map { "\($0)" } ?? "absent"), snapshot \(expected.map { "\($0)" } ?? "null")") }
        }
        func timestamp(_ text: Any?) -> Double? {
            (text as? String).flatMap { try? Date($0, strategy: .iso8601) }?.timeIntervalSince1970
        }

        for feed in ["source", "airbyte", "warehouse", "dbt"] {
            let section = root[feed] as! [String: Any]
            guard section["status"] as? String != "unconfigured" else { continue }
            check("\(feed) up", samples.value("eltop_feed_up", ["feed": feed]), (section["status"] as? String == "error" || section["updated_at"] is NSNull) ? 0 : 1)
            let updated = samples.value("eltop_feed_last_success_timestamp_seconds", ["feed": feed]).map { $0.rounded(.down) }
            check("\(feed) updated_at", updated, timestamp(section["updated_at"]).map { NSNumber(value: $0) })
        }

        for slot in (root["source"] as! [String: Any])["slots"] as! [[String: Any]] {
            let l = ["slot": slot["name"] as! String]
            check("slot lag", samples.value("eltop_source_slot_lag_bytes", l), slot["lag_bytes"])
            check("slot retained", samples.value("eltop_source_slot_retained_wal_bytes", l), slot["retained_bytes"])
            check("slot safe_wal_size", samples.value("eltop_source_slot_safe_wal_size_bytes", l), slot["safe_wal_size"])
            check("slot active", samples.value("eltop_source_slot_active", l), slot["active"])
            check("slot inactive", samples.value("eltop_source_slot_inactive_seconds", l).map { $0.rounded(.towardZero) }, slot["inactive_seconds"])
            if let status = slot["wal_status"] as? String {
                check("slot wal_status", samples.value("eltop_source_slot_wal_status", l.merging(["wal_status": status]) { a, _ in a }), 1)
            }
        }

        for connection in (root["airbyte"] as! [String: Any])["connections"] as! [[String: Any]] {
            let l = ["connection_id": connection["id"] as! String, "connection": connection["name"] as! String]
            let running = connection["running_job"] as? [String: Any]
            check("job running", samples.value("eltop_airbyte_job_running", l), running != nil)
            if let running {
                check("running job id", samples.value("eltop_airbyte_running_job_id", l), running["id"])
                check("records committed", samples.value("eltop_airbyte_running_job_committed_records", l), running["records_committed"])
                check("bytes committed", samples.value("eltop_airbyte_running_job_committed_bytes", l), running["bytes_committed"])
            }
        }

        let warehouse = root["warehouse"] as! [String: Any]
        if let pairs = warehouse["pairs"] as? [[String: Any]], pairs.count <= 50 {
            for pair in pairs {
                let raw = pair["raw"] as? [String: Any], staging = pair["staging"] as? [String: Any]
                let side = raw ?? staging!
                let l = ["table": "\(side["schema"] as! String).\(side["name"] as! String)".lowercased()]
                check("raw rows", samples.value("eltop_warehouse_raw_rows", l), raw?["rows"])
                check("staging rows", samples.value("eltop_warehouse_staging_rows", l), staging?["rows"])
                check("drift", samples.value("eltop_warehouse_drift_rows", l), pair["drift"])
            }
        }

        let dbt = root["dbt"] as! [String: Any]
        var counts: [String: Int] = [:]
        for node in dbt["nodes"] as! [[String: Any]] { counts[(node["status"] as? String) ?? "none", default: 0] += 1 }
        for (status, count) in counts { check("dbt \(status)", samples.value("eltop_dbt_nodes", ["status": status]), count) }
        if let run = dbt["last_run"] as? [String: Any] {
            check("dbt last run duration", samples.value("eltop_dbt_last_run_duration_seconds"), run["elapsed_seconds"])
        }
        return (problems, compared)
    }
}
