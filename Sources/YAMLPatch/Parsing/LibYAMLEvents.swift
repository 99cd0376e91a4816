internal import CYAML

/// One libyaml event seen as raw bytes; its buffers are valid until the reader moves on.
///
/// This file is the only place in YAMLPatch that touches libyaml: the tree builder and the
/// verifying comparer both read these, so neither builds a string it does not keep. A field
/// is read from libyaml's event only when asked for: verification never asks for marks.
struct RawEvent {
    enum Kind {
        case documentStart, documentEnd, scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd, streamEnd
    }
    let kind: Kind
    private let event: UnsafePointer<yaml_event_t>

    init(_ event: UnsafePointer<yaml_event_t>) {
        self.event = event
        switch event.pointee.type {
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_SCALAR_EVENT: kind = .scalar
        case YAML_ALIAS_EVENT: kind = .alias
        case YAML_SEQUENCE_START_EVENT: kind = .sequenceStart
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT: kind = .mappingStart
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default: kind = .streamEnd
        }
    }

    /// The scalar's value or the alias's anchor name; empty for other events.
    var value: UnsafeBufferPointer<UInt8> {
        switch kind {
        case .scalar:
            return UnsafeBufferPointer(start: event.pointee.data.scalar.value, count: event.pointee.data.scalar.length)
        case .alias: return Self.buffer(event.pointee.data.alias.anchor) ?? UnsafeBufferPointer(start: nil, count: 0)
        default: return UnsafeBufferPointer(start: nil, count: 0)
        }
    }

    /// For scalars.
    var scalarStyle: ScalarStyle {
        switch event.pointee.data.scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// For sequence and mapping start events.
    var collectionStyle: CollectionStyle {
        if kind == .mappingStart {
            return event.pointee.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block
        }
        return event.pointee.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block
    }

    /// For scalars and collection starts.
    var anchor: UnsafeBufferPointer<UInt8>? {
        switch kind {
        case .scalar: return Self.buffer(event.pointee.data.scalar.anchor)
        case .sequenceStart: return Self.buffer(event.pointee.data.sequence_start.anchor)
        case .mappingStart: return Self.buffer(event.pointee.data.mapping_start.anchor)
        default: return nil
        }
    }

    /// For scalars and collection starts.
    var tag: UnsafeBufferPointer<UInt8>? {
        switch kind {
        case .scalar: return Self.buffer(event.pointee.data.scalar.tag)
        case .sequenceStart: return Self.buffer(event.pointee.data.sequence_start.tag)
        case .mappingStart: return Self.buffer(event.pointee.data.mapping_start.tag)
        default: return nil
        }
    }

    /// Whether a scalar or collection start has an anchor or a tag (no string is measured).
    @inline(__always)
    var hasProperties: Bool {
        switch kind {
        case .scalar: return event.pointee.data.scalar.anchor != nil || event.pointee.data.scalar.tag != nil
        case .sequenceStart:
            return event.pointee.data.sequence_start.anchor != nil || event.pointee.data.sequence_start.tag != nil
        case .mappingStart:
            return event.pointee.data.mapping_start.anchor != nil || event.pointee.data.mapping_start.tag != nil
        default: return false
        }
    }

    /// libyaml's marks: character index (not bytes), 0-based line and column.
    var start: RawMark { RawMark(event.pointee.start_mark) }
    var end: RawMark { RawMark(event.pointee.end_mark) }

    private static func buffer(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        return UnsafeBufferPointer(
            start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }
}

extension RawEvent {
    /// Whether `bytes` (an event's buffer) are the UTF-8 of `string`, compared with the C
    /// library's `memcmp` (which libyaml's header brings in) where the string lends its bytes.
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, areUTF8Of string: String) -> Bool {
        guard string.utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        // Native and small strings lend their bytes without a copy of the string.
        return string.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, bytes.count) == 0 }
            ?? string.utf8.elementsEqual(bytes)
    }

    /// Whether two buffers hold the same bytes, compared with `memcmp`.
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, equal other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == other.count else { return false }
        guard let base = bytes.baseAddress, let otherBase = other.baseAddress, !bytes.isEmpty else { return true }
        return memcmp(base, otherBase, bytes.count) == 0
    }
}

/// A libyaml mark as it comes: a character index and a 0-based line and column.
struct RawMark {
    var index: Int
    var line: Int
    var column: Int

    init(_ mark: yaml_mark_t) {
        index = Int(mark.index)
        line = Int(mark.line)
        column = Int(mark.column)
    }
}

/// Pulls events one at a time without building strings or nodes: what parsing and
/// verification read. The hot loop is `next()`, a plain call with no closure or boxing.
/// libyaml reads the caller's bytes where they are (a reader lives only inside
/// ``reading(_:_:)``), so a large text is not copied for it.
final class RawEventReader {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var hasEvent = false

    /// Runs `body` with a reader of `bytes`, which stay where they are while it reads them.
    /// (The reader lives as long as `body` holds it. `withExtendedLifetime` around a reader the
    /// optimiser had put on the stack made the Swift 6.3 runtime find it still referenced when
    /// freed, in a release build that read two texts in one function.)
    static func reading<Result>(_ bytes: [UInt8], _ body: (RawEventReader) throws -> Result) throws -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            // libyaml wants an address even for no bytes.
            let emptyInput: UInt8 = 0
            return try withUnsafePointer(to: emptyInput) { empty in
                let reader = try RawEventReader(buffer.baseAddress ?? empty, count: buffer.count)
                return try body(reader)
            }
        }
    }

    /// Runs `body` with a reader of the bytes of `pieces` one after the other, which libyaml
    /// takes in as it needs them: an edited text is read without being put together.
    static func reading<Result>(
        pieces: [ArraySlice<UInt8>], _ body: (RawEventReader) throws -> Result
    ) throws -> Result {
        // Held by a retained reference that libyaml's callback borrows, until the reading ends.
        let input = Unmanaged.passRetained(PieceInput(pieces))
        defer { input.release() }
        let reader = try RawEventReader { yaml_parser_set_input($0, PieceInput.read, input.toOpaque()) }
        return try body(reader)
    }

    private convenience init(_ bytes: UnsafePointer<UInt8>, count: Int) throws {
        try self.init { yaml_parser_set_input_string($0, bytes, count) }
    }

    private init(settingInput setInput: (UnsafeMutablePointer<yaml_parser_t>) -> Void) throws {
        // On failure libyaml leaves the parser zeroed, which `deinit` (run for a fully
        // initialised object whose initialiser throws) deletes and frees like any other.
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLPatchError(.syntax, "libyaml could not be initialised")
        }
        setInput(parser)
        #if DEBUG
        if #available(macOS 15.0, *) { ParseCounting.recordParse() }
        #endif
    }

    deinit {
        if hasEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// The next event, stream start skipped; nil where libyaml stops (see ``failure(_:)``).
    func next() -> RawEvent? {
        while true {
            if hasEvent { yaml_event_delete(event) }
            hasEvent = false
            guard yaml_parser_parse(parser, event) == 1 else { return nil }
            hasEvent = true
            if event.pointee.type != YAML_STREAM_START_EVENT { return RawEvent(event) }
        }
    }

    /// Why ``next()`` returned nil, placed in the text with `marks`.
    func failure(_ marks: inout MarkConverter) -> YAMLPatchError {
        let parser = parser.pointee
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) (\($0))" } ?? problem
        if parser.error == YAML_READER_ERROR {
            return YAMLPatchError(.encoding, message, at: marks.mark(byteOffset: parser.problem_offset))
        }
        return YAMLPatchError(.syntax, message, at: marks.mark(RawMark(parser.problem_mark)))
    }
}

/// Pieces of text handed to libyaml in the order they come, through its read callback.
private final class PieceInput {
    private let pieces: [ArraySlice<UInt8>]
    /// The piece being read and the offset (in the piece's indices) of its next byte.
    private var piece = 0
    private var offset: Int

    init(_ pieces: [ArraySlice<UInt8>]) {
        self.pieces = pieces
        offset = pieces.first?.startIndex ?? 0
    }

    /// libyaml's read handler: copies up to `size` bytes into `buffer`; 0 bytes read is the end.
    static let read: @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?
    ) -> Int32 = { data, buffer, size, sizeRead in
        let input = Unmanaged<PieceInput>.fromOpaque(data!).takeUnretainedValue()
        sizeRead!.pointee = input.copy(into: UnsafeMutableBufferPointer(start: buffer, count: size))
        return 1
    }

    private func copy(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var copied = 0
        while copied < buffer.count, piece < pieces.count {
            let current = pieces[piece]
            let count = min(buffer.count - copied, current.endIndex - offset)
            current[offset..<offset + count].withUnsafeBufferPointer { source in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[copied..<copied + count]).initialize(from: source)
            }
            copied += count
            offset += count
            if offset == current.endIndex {
                piece += 1
                offset = piece < pieces.count ? pieces[piece].startIndex : 0
            }
        }
        return copied
    }
}

/// A raw libyaml event scan, with no tree: the floor that benchmarks compare edits against.
public enum YAMLEventScan {
    /// The number of events in `bytes`, or nil when libyaml rejects the text.
    public static func count(_ bytes: [UInt8]) -> Int? {
        let input = bytes.isEmpty ? [0] : bytes
        return input.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
            return nil
        }
    }
}
