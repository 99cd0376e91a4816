import CYAML

/// One libyaml parse event with marks already converted to byte offsets.
///
/// This file is the only place in YAMLPatch that touches libyaml; everything above it sees
/// Swift values.
enum ParseEvent {
    case documentStart(implicit: Bool)
    case documentEnd(implicit: Bool)
    case scalar(String, ScalarStyle, anchor: String?, tag: String?)
    case alias(String)
    case sequenceStart(CollectionStyle, anchor: String?, tag: String?)
    case sequenceEnd
    case mappingStart(CollectionStyle, anchor: String?, tag: String?)
    case mappingEnd
}

/// Drives libyaml's event parser over a UTF-8 buffer.
enum LibYAMLEvents {
    /// Calls `body` with each event (stream start/end omitted) and its start and end marks.
    static func parse(
        _ bytes: [UInt8],
        _ body: (ParseEvent, SourceMark, SourceMark) throws -> Void
    ) throws {
        var marks = MarkConverter(bytes)
        let input = bytes.isEmpty ? [0] : bytes
        try input.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw YAMLPatchError(.syntax, "libyaml could not be initialised")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(parser, &marks)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                guard let parsed = translate(event) else { continue }
                try body(parsed, marks.mark(event.start_mark), marks.mark(event.end_mark))
            }
        }
    }

    /// Counts events without building anything: the floor a benchmark compares against.
    static func countEvents(_ bytes: [UInt8]) -> Int? {
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

    private static func translate(_ event: yaml_event_t) -> ParseEvent? {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd(implicit: event.data.document_end.implicit != 0)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(value, scalarStyle(scalar.style), anchor: string(scalar.anchor), tag: string(scalar.tag))
        case YAML_ALIAS_EVENT:
            return .alias(string(event.data.alias.anchor) ?? "")
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            let style: CollectionStyle = start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block
            return .sequenceStart(style, anchor: string(start.anchor), tag: string(start.tag))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            let style: CollectionStyle = start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block
            return .mappingStart(style, anchor: string(start.anchor), tag: string(start.tag))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            return nil
        }
    }

    static func scalarStyle(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxError(_ parser: yaml_parser_t, _ marks: inout MarkConverter) -> YAMLPatchError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) (\($0))" } ?? problem
        let kind: YAMLPatchError.Kind = parser.error == YAML_READER_ERROR ? .encoding : .syntax
        if parser.error == YAML_READER_ERROR {
            return YAMLPatchError(kind, message, at: marks.mark(byteOffset: parser.problem_offset))
        }
        return YAMLPatchError(kind, message, at: marks.mark(parser.problem_mark))
    }
}

/// Turns libyaml marks, which count characters, into byte offsets.
///
/// libyaml's `index` counts characters after the BOM (a CRLF counts as two). The converter
/// walks the UTF-8 text with a cursor, forwards or backwards, so a whole parse costs one pass.
struct MarkConverter {
    private let bytes: [UInt8]
    private let bomLength: Int
    private let isASCII: Bool
    private var cursorCharacter = 0
    private var cursorByte: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        isASCII = !bytes.dropFirst(bomLength).contains { $0 >= 0x80 }
        cursorByte = bomLength
    }

    mutating func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(offset: byteOffset(ofCharacter: Int(mark.index)), line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// A mark for a raw byte offset (reader errors report bytes, not characters).
    func mark(byteOffset: Int) -> SourceMark {
        let offset = min(max(byteOffset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourceMark(offset: offset, line: line, column: column)
    }

    mutating func byteOffset(ofCharacter character: Int) -> Int {
        if isASCII { return min(character + bomLength, bytes.count) }
        while cursorCharacter < character, cursorByte < bytes.count {
            cursorByte += 1
            while cursorByte < bytes.count, bytes[cursorByte] & 0xC0 == 0x80 { cursorByte += 1 }
            cursorCharacter += 1
        }
        while cursorCharacter > character, cursorByte > bomLength {
            cursorByte -= 1
            while cursorByte > bomLength, bytes[cursorByte] & 0xC0 == 0x80 { cursorByte -= 1 }
            cursorCharacter -= 1
        }
        return cursorByte
    }
}

/// A raw libyaml event scan, with no tree: the floor that benchmarks compare edits against.
public enum YAMLEventScan {
    /// The number of events in `bytes`, or nil when libyaml rejects the text.
    public static func count(_ bytes: [UInt8]) -> Int? { LibYAMLEvents.countEvents(bytes) }
}

/// One libyaml event seen as raw bytes; its buffers are valid until the reader moves on.
struct RawEvent {
    enum Kind { case documentStart, documentEnd, scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd, streamEnd }
    var kind: Kind
    /// The scalar's value or the alias's anchor name.
    var value: UnsafeBufferPointer<UInt8>
    var scalarStyle: ScalarStyle
    var collectionStyle: CollectionStyle
    var anchor: UnsafeBufferPointer<UInt8>?
    var tag: UnsafeBufferPointer<UInt8>?
    /// libyaml's 0-based line and column of the event's start.
    var line: Int
    var column: Int
}

/// Pulls events one at a time without building strings or nodes: what verification reads.
final class RawEventReader {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var hasEvent = false
    private let input: UnsafeMutableBufferPointer<UInt8>

    init(_ bytes: [UInt8]) throws {
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        guard yaml_parser_initialize(parser) == 1 else {
            input.deallocate()
            parser.deallocate()
            event.deallocate()
            throw YAMLPatchError(.syntax, "libyaml could not be initialised")
        }
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        if hasEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
        input.deallocate()
    }

    /// The next event, stream start skipped. Throws `.syntax` where libyaml stops.
    func next() throws -> RawEvent {
        while true {
            if hasEvent { yaml_event_delete(event) }
            hasEvent = false
            guard yaml_parser_parse(parser, event) == 1 else {
                let mark = parser.pointee.problem_mark
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
                throw YAMLPatchError(.syntax, problem, at: SourceMark(offset: Int(mark.index), line: Int(mark.line) + 1,
                                                                      column: Int(mark.column) + 1))
            }
            hasEvent = true
            if event.pointee.type != YAML_STREAM_START_EVENT { return raw(event.pointee) }
        }
    }

    private func raw(_ event: yaml_event_t) -> RawEvent {
        var result = RawEvent(kind: .streamEnd, value: UnsafeBufferPointer(start: nil, count: 0), scalarStyle: .plain,
                              collectionStyle: .block, line: Int(event.start_mark.line), column: Int(event.start_mark.column))
        switch event.type {
        case YAML_DOCUMENT_START_EVENT: result.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: result.kind = .documentEnd
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            result.kind = .scalar
            result.value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            result.scalarStyle = LibYAMLEvents.scalarStyle(scalar.style)
            result.anchor = Self.buffer(scalar.anchor)
            result.tag = Self.buffer(scalar.tag)
        case YAML_ALIAS_EVENT:
            result.kind = .alias
            result.value = Self.buffer(event.data.alias.anchor) ?? UnsafeBufferPointer(start: nil, count: 0)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            result.kind = .sequenceStart
            result.collectionStyle = start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block
            result.anchor = Self.buffer(start.anchor)
            result.tag = Self.buffer(start.tag)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            result.kind = .mappingStart
            result.collectionStyle = start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block
            result.anchor = Self.buffer(start.anchor)
            result.tag = Self.buffer(start.tag)
        case YAML_SEQUENCE_END_EVENT: result.kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT: result.kind = .mappingEnd
        default: result.kind = .streamEnd
        }
        return result
    }

    private static func buffer(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        return UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }
}
