// PostgreSQL's text form of a WAL position. Pure Swift with no imports, so `make fuzz` can build it
// alone as the `EltopPostgres` the pgoutput decoder's LSN needs, without libpq.

/// "16/B374D848" → 64-bit LSN.
public func parseLSN(_ text: String) -> UInt64? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let high = UInt64(parts[0], radix: 16), let low = UInt64(parts[1], radix: 16), high <= 0xFFFF_FFFF, low <= 0xFFFF_FFFF else { return nil }
    return high << 32 | low
}

/// 64-bit LSN → "16/B374D848", as PostgreSQL writes it.
public func formatLSN(_ lsn: UInt64) -> String {
    String(lsn >> 32, radix: 16, uppercase: true) + "/" + String(lsn & 0xFFFF_FFFF, radix: 16, uppercase: true)
}
