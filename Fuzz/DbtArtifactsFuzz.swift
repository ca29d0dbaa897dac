// libFuzzer entry for eltop's dbt readers, built by `make fuzz` from `EltopPollers/Dbt`'s pure files over
// EltopCore and EltopJSON compiled as modules of their own: run_results.json and
// manifest.json (both read by JSONScanner) and one line of dbt's JSON log. Every input is given to all
// three; each must end in a value or an error — a half-written artifact or a foreign file is the
// normal case while dbt runs.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDbtArtifacts(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let results = try? DbtRunResults.decode(bytes) {
        _ = results.summary
        for result in results.results { _ = result.status }
    }
    if let manifest = try? DbtManifest.decode(bytes) {
        for entry in manifest.nodes { _ = entry.node.layer }
    }
    _ = DbtLogParser.parse(String(decoding: bytes, as: UTF8.self), at: Date(timeIntervalSince1970: 0))
    return 0
}
