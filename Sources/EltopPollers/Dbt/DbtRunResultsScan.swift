import EltopCore
import EltopJSON

/// Reads `run_results.json` with `JSONScanner`: `metadata`, `elapsed_time` and each result's pane
/// fields; everything else (`compiled_code`, `args`, the adapter's other keys, `batch_results`) is
/// skipped unbuilt. `JSONDecoder` built the whole tree first and decoded at 20–40 MB/s
/// (docs/benchmarks.md); a 5,000-model run's file is several MB and is read again after every run.
///
/// What it accepts is what the `Decodable` reader accepted: `metadata`, `results`, and each result's
/// `unique_id` and `status` are required, a wrong type for a field it reads is an error, unknown keys
/// are ignored. Counts (`failures`, `rows_affected`) are flexible, as dbt writes them as integers or
/// floats: a float is truncated, one outside Int64 is dropped, any other kind is read as absent.
enum DbtRunResultsScan {
    static func read(_ start: JSONScanner) throws -> DbtRunResults {
        var scanner = start
        var metadata: DbtRunResults.Metadata?
        var elapsed: Double?
        var results: [DbtRunResults.Result]?
        try scanner.forEachMember { scanner, key in
            if key == "metadata" {
                metadata = try readMetadata(&scanner)
            } else if key == "elapsed_time" {
                elapsed = try readOptionalDouble(&scanner)
            } else if key == "results" {
                var list: [DbtRunResults.Result] = []
                try scanner.forEachElement { scanner in list.append(try readResult(&scanner)) }
                results = list
            }
        }
        try scanner.expectEnd()
        guard let metadata else { throw DbtArtifactError("missing metadata") }
        guard let results else { throw DbtArtifactError("missing results") }
        return DbtRunResults(metadata: metadata, elapsed_time: elapsed, results: results)
    }

    private static func readMetadata(_ scanner: inout JSONScanner) throws -> DbtRunResults.Metadata {
        var metadata = DbtRunResults.Metadata()
        try scanner.forEachMember { scanner, key in
            if key == "dbt_schema_version" {
                metadata.dbt_schema_version = try scanner.readOptionalString()
            } else if key == "generated_at" {
                metadata.generated_at = try scanner.readOptionalString()
            } else if key == "invocation_started_at" {
                metadata.invocation_started_at = try scanner.readOptionalString()
            }
        }
        return metadata
    }

    private static func readResult(_ scanner: inout JSONScanner) throws -> DbtRunResults.Result {
        var id: String?, status: String?
        var result = DbtRunResults.Result(unique_id: "", status: .unknown)
        try scanner.forEachMember { scanner, key in
            switch key.count {
            case 6 where key == "status":
                status = try scanner.readString()
            case 6 where key == "timing":
                guard try scanner.peekKind() != .null else { return try scanner.readNull() }
                var timing: [DbtRunResults.Timing] = []
                try scanner.forEachElement { scanner in timing.append(try readTiming(&scanner)) }
                result.timing = timing
            case 7 where key == "message":
                result.message = try scanner.readOptionalString()
            case 8 where key == "failures":
                result.failures = try readFlexibleInt64(&scanner)
            case 9 where key == "unique_id":
                id = try scanner.readString()
            case 14 where key == "execution_time":
                result.execution_time = try readOptionalDouble(&scanner)
            case 16 where key == "adapter_response":
                guard try scanner.peekKind() == .object else { return try scanner.readNull() }
                var response = DbtRunResults.AdapterResponse(rows_affected: nil)
                try scanner.forEachMember { scanner, key in
                    if key == "rows_affected" { response.rows_affected = try readFlexibleInt64(&scanner) }
                }
                result.adapter_response = response
            default:
                break
            }
        }
        guard let id else { throw DbtArtifactError("missing unique_id") }
        guard let status else { throw DbtArtifactError("missing status of \(id)") }
        result.unique_id = id
        result.status = DbtNodeStatus(rawValue: status)
        return result
    }

    private static func readTiming(_ scanner: inout JSONScanner) throws -> DbtRunResults.Timing {
        var name: String?
        var timing = DbtRunResults.Timing(name: "")
        try scanner.forEachMember { scanner, key in
            if key == "name" {
                name = try scanner.readString()
            } else if key == "started_at" {
                timing.started_at = try scanner.readOptionalString()
            } else if key == "completed_at" {
                timing.completed_at = try scanner.readOptionalString()
            }
        }
        guard let name else { throw DbtArtifactError("missing timing name") }
        timing.name = name
        return timing
    }

    private static func readOptionalDouble(_ scanner: inout JSONScanner) throws -> Double? {
        if try scanner.readNullIfPresent() { return nil }
        return try scanner.readDouble()
    }

    /// An integer, a float truncated toward zero (nil outside Int64), nil for anything that is not a number.
    private static func readFlexibleInt64(_ scanner: inout JSONScanner) throws -> Int64? {
        guard try scanner.peekKind() == .number else {
            try scanner.skipValue()
            return nil
        }
        var integer = scanner
        if let value = try? integer.readInt64() {
            scanner = integer
            return value
        }
        return Int64(exactly: try scanner.readDouble().rounded(.towardZero))
    }
}
