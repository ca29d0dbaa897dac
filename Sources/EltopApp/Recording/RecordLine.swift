import EltopCore
import Foundation

/// What one line of a recording holds.
public enum RecordEntry: Equatable, Sendable {
    case header(RecordingHeader)
    /// The whole state, after every event on the lines before it.
    case keyframe(DashboardState)
    /// An event as the runtime applied it.
    case event(Event)
    /// `pollSucceeded` with the very reading this feed's last one had since the last keyframe: most
    /// polls of a quiet pipeline (the dbt artifacts, an idle Airbyte) answer the same, and writing each
    /// in full made a day of recording a gigabyte. Lossless: `ReadingMemory` puts the reading back.
    case repeatedReading(Feed, at: Date)

    var kind: RecordLine.Kind {
        switch self {
        case .header: return .header
        case .keyframe: return .keyframe
        case .event: return .event
        case .repeatedReading: return .repeatedReading
        }
    }
}

/// One line of a recording: `{"t":T,"n":N,"k":"e","v":BODY}` and a newline.
///
/// `t` (when the runtime applied it) and `n` (the line's number, from 0) come first, written by hand in a
/// fixed order, so that indexing a day's recording for seeking reads a few bytes per line and decodes no
/// JSON; `v` is the entry as `JSONEncoder` writes it. Every date — `t` and those in bodies — is seconds
/// since 2001-01-01 as a Double written in its shortest exact form (`JSONEncoder`'s default), so decoding
/// gives back the very same `Date`: a replayed age or staleness cannot differ by a rounding.
enum RecordLine {
    enum Kind: UInt8 {
        case header = 0x68  // h
        case keyframe = 0x73  // s
        case event = 0x65  // e
        case repeatedReading = 0x70  // p
    }

    /// The fixed part of a line, read without decoding its body.
    struct Prefix: Equatable {
        var time: Date
        var number: Int
        var kind: Kind
        /// Where the body starts in the line.
        var bodyOffset: Int
    }

    /// Ticks and repeats — nearly every line of an idle dashboard — are written by hand in exactly the
    /// form `JSONEncoder` gives them (a Double's description is its shortest exact form, as the encoder
    /// writes it): the encoder cost more than applying the event, and made recording an idle eltop
    /// measurably dearer. `RecordReplayTests` checks both forms decode alike.
    static func encode(_ entry: RecordEntry, at time: Date, number: Int, encoder: JSONEncoder) throws -> Data {
        var line = Data("{\"t\":\(time.timeIntervalSinceReferenceDate),\"n\":\(number),\"k\":\"".utf8)
        line.append(entry.kind.rawValue)
        line.append(contentsOf: Array("\",\"v\":".utf8))
        switch entry {
        case .event(.clockTicked(let at)) where at.timeIntervalSinceReferenceDate.isFinite:
            line.append(contentsOf: Array("{\"clockTicked\":{\"_0\":\(at.timeIntervalSinceReferenceDate)}}".utf8))
        case .repeatedReading(let feed, let at) where at.timeIntervalSinceReferenceDate.isFinite:
            line.append(contentsOf: Array("{\"feed\":\"\(feed.rawValue)\",\"at\":\(at.timeIntervalSinceReferenceDate)}".utf8))
        case .header(let header): line.append(try encoder.encode(header))
        case .keyframe(let state): line.append(try encoder.encode(state))
        case .event(let event): line.append(try encoder.encode(event))
        case .repeatedReading(let feed, let at): line.append(try encoder.encode(RepeatedReading(feed: feed, at: at)))
        }
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    /// Reads `t`, `n` and `k` from a line (without its newline); nil when the line is not one eltop wrote.
    static func prefix<Bytes: RandomAccessCollection>(_ line: Bytes) -> Prefix? where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = line.startIndex
        func expect(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard line.endIndex - i >= count else { return false }
            for k in 0..<count where line[i + k] != text.utf8Start[k] { return false }
            i += count
            return true
        }
        func number() -> String? {
            let start = i
            while i < line.endIndex, line[i] != 0x2C { i += 1 }  // up to ','
            guard i > start, i - start < 40 else { return nil }
            return String(decoding: line[start..<i], as: UTF8.self)
        }
        guard expect("{\"t\":"), let t = number().flatMap(Double.init), t.isFinite,
            expect(",\"n\":"), let n = number().flatMap(Int.init),
            expect(",\"k\":\""), i < line.endIndex, let kind = Kind(rawValue: line[i]) else { return nil }
        i += 1
        guard expect("\",\"v\":"), line.last == 0x7D else { return nil }  // ends with '}'
        return Prefix(time: Date(timeIntervalSinceReferenceDate: t), number: n, kind: kind, bodyOffset: i - line.startIndex)
    }

    /// Decodes a whole line (without its newline).
    static func decode(_ line: Data, decoder: JSONDecoder) throws -> (Prefix, RecordEntry) {
        let bytes = [UInt8](line)
        guard let prefix = prefix(bytes) else { throw RecordLineError("not a recording line") }
        let body = line.subdata(in: (line.startIndex + prefix.bodyOffset)..<(line.endIndex - 1))
        switch prefix.kind {
        case .header: return (prefix, .header(try decoder.decode(RecordingHeader.self, from: body)))
        case .keyframe: return (prefix, .keyframe(try decoder.decode(DashboardState.self, from: body)))
        case .event: return (prefix, .event(try decoder.decode(Event.self, from: body)))
        case .repeatedReading:
            let repeated = try decoder.decode(RepeatedReading.self, from: body)
            return (prefix, .repeatedReading(repeated.feed, at: repeated.at))
        }
    }
}

struct RepeatedReading: Codable {
    var feed: Feed
    var at: Date
}

/// The last reading of each feed since the last keyframe, on both sides: the recorder writes a reading
/// equal to it as `repeatedReading`, and a reader going forward from a keyframe puts it back. Both forget
/// at every keyframe, so any keyframe is a place to start reading from.
struct ReadingMemory {
    private var last: [Feed: Reading] = [:]

    mutating func forget() { last = [:] }

    /// What the recorder writes for `event`.
    mutating func entry(for event: Event) -> RecordEntry {
        guard case .pollSucceeded(let reading, let at) = event else { return .event(event) }
        if last[reading.feed] == reading { return .repeatedReading(reading.feed, at: at) }
        last[reading.feed] = reading
        return .event(event)
    }

    /// The event a line read back stands for; nil for a header or keyframe (which forgets).
    mutating func event(for entry: RecordEntry) throws -> Event? {
        switch entry {
        case .header: return nil
        case .keyframe:
            forget()
            return nil
        case .event(let event):
            if case .pollSucceeded(let reading, _) = event { last[reading.feed] = reading }
            return event
        case .repeatedReading(let feed, let at):
            guard let reading = last[feed] else { throw RecordLineError("a repeated \(feed.rawValue) reading with no reading before it since the keyframe") }
            return .pollSucceeded(reading, at: at)
        }
    }
}

struct RecordLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
