import EltopCore
import Foundation

/// A recording file opened for reading: its header, an index of its lines (time, kind, where in the
/// file) for seeking, and where it is damaged if it is.
///
/// Opening reads only each line's fixed prefix (see RecordLine), so a day's recording is indexed in a
/// fraction of a second; bodies are decoded when played or seeked to. The index stops at the first
/// line that is not whole or not eltop's, and `damage` says where: a replay goes up to there and no further.
public final class Recording {
    public let path: String
    public let header: RecordingHeader
    struct Line {
        var offset: UInt64
        var length: Int
        var time: Date
        var kind: RecordLine.Kind
    }
    private(set) var lines: [Line] = []
    /// Indexes into `lines` of the keyframes, in order.
    private(set) var keyframes: [Int] = []
    /// Where reading stopped because the file is not as eltop wrote it.
    public private(set) var damage: RecordingDamage?
    /// Bytes after the last whole line: a line still being written, or cut short by a crash or a copy.
    public private(set) var partialTailBytes = 0
    private let handle: FileHandle
    private var indexedBytes: UInt64 = 0
    private let decoder = JSONDecoder()

    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RecordingError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        let first = try Self.readFirstLine(handle, path: path)
        header = try Self.header(from: first, path: path)
        lines.append(Line(offset: 0, length: first.count, time: header.startedAt, kind: .header))
        indexedBytes = UInt64(first.count + 1)
        try refresh()
        guard !keyframes.isEmpty else {
            throw RecordingError("\(path) has a header but no keyframe: \(damage?.description ?? "the file ends after its first line")")
        }
    }

    deinit { try? handle.close() }

    /// The span of time the recording covers so far.
    public var span: ClosedRange<Date> { lines[keyframes[0]].time...lines[lines.count - 1].time }
    public var lineCount: Int { lines.count }
    func time(ofLine index: Int) -> Date { lines[index].time }

    /// Indexes the whole lines appended since the last call (a file still being written grows);
    /// returns how many there were. Nothing more is read once damage was found.
    @discardableResult
    public func refresh() throws -> Int {
        guard damage == nil else { return 0 }
        let before = lines.count
        let chunkSize = 8 << 20
        var carry = Data()
        var carryOffset = indexedBytes
        try handle.seek(toOffset: indexedBytes)
        while damage == nil, let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            var buffer = carry
            buffer.append(chunk)
            let consumed = index(buffer, startingAt: carryOffset)
            carry = buffer.subdata(in: consumed..<buffer.count)
            carryOffset += UInt64(consumed)
        }
        indexedBytes = carryOffset
        partialTailBytes = damage == nil ? carry.count : 0
        return lines.count - before
    }

    /// The damage found by indexing, or else the cut-short last line of a file no longer being written.
    public func endProblem(stillWritten: Bool) -> RecordingDamage? {
        if let damage { return damage }
        guard partialTailBytes > 0, !stillWritten else { return nil }
        return RecordingDamage(path: path, line: lines.count + 1, byteOffset: indexedBytes, lastGoodTime: lines.last?.time, reason: "the line is cut short (\(partialTailBytes) bytes without an end)")
    }

    /// Indexes the whole lines of `buffer` (which starts at file offset `base`); returns the bytes used.
    private func index(_ buffer: Data, startingAt base: UInt64) -> Int {
        buffer.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                guard let found = memchr(raw.baseAddress! + start, 0x0A, bytes.count - start) else { break }
                let end = raw.baseAddress!.distance(to: UnsafeRawPointer(found))
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let offset = base + UInt64(start)
                guard let prefix = RecordLine.prefix(line), prefix.number == lines.count, prefix.kind != .header else {
                    damage = RecordingDamage(path: path, line: lines.count + 1, byteOffset: offset, lastGoodTime: lines.last?.time, reason: "not a line eltop wrote")
                    return start
                }
                if prefix.kind == .keyframe { keyframes.append(lines.count) }
                lines.append(Line(offset: offset, length: end - start, time: prefix.time, kind: prefix.kind))
                start = end + 1
            }
            return start
        }
    }

    /// Decodes line `index`. A line whose body does not decode is damage: it is remembered, the index is
    /// cut there, and the error says where.
    func entry(_ index: Int) throws -> RecordEntry {
        let line = lines[index]
        try handle.seek(toOffset: line.offset)
        let data = try handle.read(upToCount: line.length) ?? Data()
        do {
            return try RecordLine.decode(data, decoder: decoder).1
        } catch {
            let found = RecordingDamage(path: path, line: index + 1, byteOffset: line.offset, lastGoodTime: index > 0 ? lines[index - 1].time : nil, reason: "\(error)")
            damage = found
            lines.removeSubrange(index...)
            keyframes.removeAll { $0 >= index }
            throw found
        }
    }

    /// The event line `index` stands for, through `memory`; a repeat with nothing to repeat is damage.
    func resolve(_ entry: RecordEntry, _ index: Int, _ memory: inout ReadingMemory) throws -> Event? {
        do {
            return try memory.event(for: entry)
        } catch {
            let found = RecordingDamage(path: path, line: index + 1, byteOffset: lines[index].offset, lastGoodTime: index > 0 ? lines[index - 1].time : nil, reason: "\(error)")
            damage = found
            lines.removeSubrange(index...)
            keyframes.removeAll { $0 >= index }
            throw found
        }
    }

    /// The keyframe at or before `time` (the first one if `time` is before it).
    func keyframe(atOrBefore time: Date) -> Int {
        var low = 0, high = keyframes.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[keyframes[mid]].time <= time { low = mid } else { high = mid - 1 }
        }
        return keyframes[low]
    }

    /// The state the recording starts from (its first keyframe) and the line after it. Not `state(at:)`
    /// of the first moment, which also applies the events recorded in that same instant.
    public func start() throws -> (state: DashboardState, nextLine: Int) {
        try startWithMemory().0
    }

    func startWithMemory() throws -> ((state: DashboardState, nextLine: Int), ReadingMemory) {
        let index = keyframes[0]
        guard case .keyframe(let state) = try entry(index) else { throw RecordingError("line \(index + 1) is not a keyframe") }
        return ((state, index + 1), ReadingMemory())
    }

    /// The state the recorded dashboard had at `time`, and the index of the first line after it: the
    /// keyframe before `time`, then every event up to `time` through the same reducer (effects discarded).
    public func state(at time: Date) throws -> (state: DashboardState, nextLine: Int) {
        try stateWithMemory(at: time).0
    }

    func stateWithMemory(at time: Date) throws -> ((state: DashboardState, nextLine: Int), ReadingMemory) {
        var memory = ReadingMemory()
        var index = keyframe(atOrBefore: time)
        guard case .keyframe(var state) = try entry(index) else { throw RecordingError("line \(index + 1) is not a keyframe") }
        index += 1
        while index < lines.count, lines[index].time <= time {
            let entry = try entry(index)
            if case .keyframe(let keyframe) = entry { state = keyframe }
            if let event = try resolve(entry, index, &memory) { _ = reduce(&state, event) }
            index += 1
        }
        return ((state, index), memory)
    }

    private static func readFirstLine(_ handle: FileHandle, path: String) throws -> Data {
        var data = Data()
        while let chunk = try handle.read(upToCount: 64 << 10), !chunk.isEmpty {
            if let newline = chunk.firstIndex(of: 0x0A) {
                data.append(chunk[chunk.startIndex..<newline])
                return data
            }
            data.append(chunk)
            if data.count > 1 << 20 { break }
        }
        throw RecordingError(data.isEmpty ? "\(path) is empty: not an eltop recording" : "\(path) is not an eltop recording (its first line is not a recording header)")
    }

    /// Reads the format number before anything else, so a file of another format is refused with its
    /// own words, never decoded as if it were this one.
    private static func header(from line: Data, path: String) throws -> RecordingHeader {
        struct Probe: Decodable { var format: Int?; var eltopVersion: String? }
        guard let prefix = RecordLine.prefix([UInt8](line)), prefix.kind == .header, prefix.number == 0 else {
            throw RecordingError("\(path) is not an eltop recording (its first line is not a recording header)")
        }
        let body = line.subdata(in: prefix.bodyOffset..<(line.count - 1))
        let probe = try? JSONDecoder().decode(Probe.self, from: body)
        guard let format = probe?.format else { throw RecordingError("\(path) is not an eltop recording (its header has no format number)") }
        guard format == RecordingHeader.currentFormat else {
            let by = probe?.eltopVersion.map { "eltop \($0)" } ?? "another eltop"
            throw RecordingError("\(path) was recorded by \(by) in recording format \(format); this eltop (\(EltopVersion.current)) reads format \(RecordingHeader.currentFormat) only. Replay it with the eltop that recorded it.")
        }
        do {
            return try JSONDecoder().decode(RecordingHeader.self, from: body)
        } catch {
            throw RecordingError("\(path): the header of format \(format) does not decode: \(error)")
        }
    }
}

/// Where a recording stopped being readable, said so that someone can look: line, byte, the last good moment.
public struct RecordingDamage: Error, Equatable, CustomStringConvertible {
    public var path: String
    /// Counting from 1, as editors do.
    public var line: Int
    public var byteOffset: UInt64
    public var lastGoodTime: Date?
    public var reason: String

    public var description: String {
        let upTo = lastGoodTime.map { " — replayed up to \(RecordingClock.iso($0))" } ?? ""
        return "\(path): line \(line) (byte \(byteOffset)) is damaged: \(reason)\(upTo)"
    }
}

public struct RecordingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
