/// The portable instance format shared with the reference solvers in `shared/bench`:
///
///     postings.csv   posting,capacity          one line per posting
///     edges.csv      applicant,posting,score   one line per feasible pair
///
/// Ids are arbitrary strings (RFC 4180 quoting within a line is understood), capacities whole
/// numbers, scores decimal numbers. Scores with decimals are scaled exactly to integers
/// (`scoreDecimals` says by how many powers of ten), so solvers work on integer costs.
/// Blank lines and a UTF-8 byte order mark are ignored; "\r\n" line ends are accepted.
public enum PortableInstanceFormat {
    public static let postingsHeader = ["posting", "capacity"]
    public static let edgesHeader = ["applicant", "posting", "score"]
    public static let assignmentHeader = "applicant,posting"
    /// Scores may carry at most this many decimals.
    public static let maximumScoreDecimals = 6

    /// Reads both files from memory; the edges file may also be streamed with `PortableEdgesReader`.
    public static func read(postings: [UInt8], edges: [UInt8]) throws(MatchingInstanceError) -> PortableInstance {
        let table = try PortablePostings(postings)
        var reader = PortableEdgesReader(postings: table)
        try edges.withUnsafeBufferPointer { (bytes) throws(MatchingInstanceError) in try reader.read(bytes) }
        return try reader.finish()
    }

    /// The assignment as `applicant,posting` lines with a header, using the files' ids.
    public static func csv(for assignment: Assignment, in instance: PortableInstance) -> String {
        var text = assignmentHeader + "\n"
        for placement in assignment.placements {
            text += quoted(instance.applicantIDs[placement.applicant])
            text += ","
            text += quoted(instance.postingIDs[placement.posting])
            text += "\n"
        }
        return text
    }

    /// Quotes an id when it holds a comma, quote or line break, as RFC 4180 asks.
    static func quoted(_ id: String) -> String {
        guard id.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
        else { return id }
        return "\"" + id.replacing("\"", with: "\"\"") + "\""
    }
}

/// The postings file: ids in file order and their capacities.
public struct PortablePostings: Sendable {
    var table = IdentifierTable()
    public private(set) var capacities: [Int] = []

    public var postingIDs: [String] { table.identifiers }

    public init(_ bytes: [UInt8]) throws(MatchingInstanceError) {
        var lines = LineSplitter()
        var header = HeaderState(file: .postings, expected: PortableInstanceFormat.postingsHeader)
        try bytes.withUnsafeBufferPointer { (buffer) throws(MatchingInstanceError) in
            try lines.feed(buffer) { (line, number) throws(MatchingInstanceError) in
                try self.readLine(line, number: number, header: &header)
            }
            try lines.finish { (line, number) throws(MatchingInstanceError) in
                try self.readLine(line, number: number, header: &header)
            }
        }
        try header.requireSeen()
    }

    private mutating func readLine(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, header: inout HeaderState
    ) throws(MatchingInstanceError) {
        try LineFields.withFields(of: line) { (bytes, fields) throws(MatchingInstanceError) in
            if try header.consume(bytes, fields, line: number) { return }
            guard fields.count == 2 else {
                throw MatchingInstanceError(
                    file: .postings, line: number, reason: .wrongColumnCount(expected: 2, found: fields.count))
            }
            let id = UnsafeBufferPointer(rebasing: bytes[fields[0]])
            guard !id.isEmpty else {
                throw MatchingInstanceError(file: .postings, line: number, reason: .emptyField(column: "posting"))
            }
            let capacity = try parseCapacity(UnsafeBufferPointer(rebasing: bytes[fields[1]]), line: number)
            guard table.insert(id).inserted else {
                throw MatchingInstanceError(
                    file: .postings, line: number, reason: .duplicatePosting(LineFields.text(bytes, fields[0])))
            }
            capacities.append(capacity)
        }
    }

    private func parseCapacity(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws(MatchingInstanceError) -> Int {
        let text = String(decoding: field, as: UTF8.self)
        var digits = field[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw MatchingInstanceError(file: .postings, line: line, reason: .invalidCapacity(text))
        }
        if negative && digits.contains(where: { $0 != 48 }) {
            throw MatchingInstanceError(file: .postings, line: line, reason: .negativeCapacity(text))
        }
        var value = 0
        for digit in digits {
            value = value * 10 + Int(digit - 48)
            guard value <= Int(Int32.max) else {
                throw MatchingInstanceError(file: .postings, line: line, reason: .capacityOutOfRange)
            }
        }
        return value
    }
}

/// Streams an edges file in chunks of any size, so a 500 MB file never sits in memory whole.
public struct PortableEdgesReader: Sendable {
    private let postings: PortablePostings
    private var applicants = IdentifierTable()
    private var lines = LineSplitter()
    private var header = HeaderState(file: .edges, expected: PortableInstanceFormat.edgesHeader)
    private var pairApplicants: [Int32] = []
    private var pairPostings: [Int32] = []
    private var pairScores: [Int32] = []
    private var scoreDecimals = 0
    /// Record counts at each blank line after the header, to map a pair back to its line.
    private var blankLines: [Int] = []
    private var headerLine = 0

    /// `expectedPairs` only reserves memory (an over-estimate costs address space, not RAM).
    public init(postings: PortablePostings, expectedPairs: Int = 0) {
        self.postings = postings
        pairApplicants.reserveCapacity(expectedPairs)
        pairPostings.reserveCapacity(expectedPairs)
        pairScores.reserveCapacity(expectedPairs)
    }

    public mutating func read(_ chunk: UnsafeBufferPointer<UInt8>) throws(MatchingInstanceError) {
        // The splitter is moved out while it calls back into `self`, so the two accesses do not overlap.
        var splitter = LineSplitter()
        swap(&splitter, &lines)
        defer { swap(&splitter, &lines) }
        try splitter.feed(chunk) { (line, number) throws(MatchingInstanceError) in
            try self.readLine(line, number: number)
        }
    }

    public mutating func finish() throws(MatchingInstanceError) -> PortableInstance {
        var splitter = LineSplitter()
        swap(&splitter, &lines)
        try splitter.finish { (line, number) throws(MatchingInstanceError) in try self.readLine(line, number: number) }
        try header.requireSeen()
        return PortableInstance(
            postingIDs: postings.postingIDs, applicantIDs: applicants.identifiers, capacities: postings.capacities,
            pairApplicants: pairApplicants, pairPostings: pairPostings, pairScores: pairScores,
            scoreDecimals: scoreDecimals, firstPairLine: headerLine + 1, blankLines: blankLines)
    }

    private mutating func readLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(MatchingInstanceError) {
        var blank = true
        try LineFields.withFields(of: line) { (bytes, fields) throws(MatchingInstanceError) in
            blank = false
            try readRecord(bytes, fields, number: number)
        }
        if blank && header.seen { blankLines.append(pairScores.count) }
    }

    private mutating func readRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ fields: LineFields, number: Int
    ) throws(MatchingInstanceError) {
        if try header.consume(bytes, fields, line: number) {
            headerLine = number
            return
        }
        guard fields.count == 3 else {
            throw MatchingInstanceError(
                file: .edges, line: number, reason: .wrongColumnCount(expected: 3, found: fields.count))
        }
        let applicantField = UnsafeBufferPointer(rebasing: bytes[fields[0]])
        guard !applicantField.isEmpty else {
            throw MatchingInstanceError(file: .edges, line: number, reason: .emptyField(column: "applicant"))
        }
        guard let posting = postings.table.index(of: UnsafeBufferPointer(rebasing: bytes[fields[1]])) else {
            throw MatchingInstanceError(
                file: .edges, line: number, reason: .unknownPosting(LineFields.text(bytes, fields[1])))
        }
        let score = try parseScore(UnsafeBufferPointer(rebasing: bytes[fields[2]]), line: number)
        let applicant = applicants.insert(applicantField).index
        guard applicant < Int(Int32.max), pairScores.count < Int(Int32.max) else {
            throw MatchingInstanceError(file: .edges, line: number, reason: .tooLarge)
        }
        pairApplicants.append(Int32(applicant))
        pairPostings.append(Int32(posting))
        pairScores.append(score)
    }

    /// Parses a decimal into an integer at the file's current scale, rescaling earlier scores when
    /// this one has more decimals (at most `maximumScoreDecimals` times over the whole file).
    private mutating func parseScore(
        _ field: UnsafeBufferPointer<UInt8>, line: Int
    ) throws(MatchingInstanceError) -> Int32 {
        var index = 0
        var negative = false
        if index < field.count, field[index] == UInt8(ascii: "-") || field[index] == UInt8(ascii: "+") {
            negative = field[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var decimals = 0
        var pendingZeros = 0
        var afterPoint = false
        var tooLarge = false
        while index < field.count {
            let byte = field[index]
            index += 1
            if byte == UInt8(ascii: ".") && !afterPoint {
                afterPoint = true
                continue
            }
            guard byte >= 48 && byte <= 57 else {
                throw MatchingInstanceError(
                    file: .edges, line: line, reason: .invalidScore(String(decoding: field, as: UTF8.self)))
            }
            digits += 1
            let digit = Int64(byte - 48)
            if afterPoint && digit == 0 {
                // Trailing zeros after the point do not need a finer scale.
                pendingZeros += 1
                continue
            }
            if afterPoint {
                for _ in 0..<pendingZeros { mantissa = mantissa &* 10 }
                decimals += pendingZeros + 1
                pendingZeros = 0
            }
            mantissa = mantissa &* 10 &+ digit
            if mantissa > Int64(Int32.max) { tooLarge = true }
        }
        guard digits > 0 else {
            throw MatchingInstanceError(
                file: .edges, line: line, reason: .invalidScore(String(decoding: field, as: UTF8.self)))
        }
        guard !tooLarge, decimals <= PortableInstanceFormat.maximumScoreDecimals else {
            throw MatchingInstanceError(
                file: .edges, line: line, reason: .scoreOutOfRange(String(decoding: field, as: UTF8.self)))
        }
        if negative { mantissa = -mantissa }
        if decimals > scoreDecimals {
            try rescale(by: decimals - scoreDecimals, line: line, field: field)
            scoreDecimals = decimals
        }
        for _ in decimals..<scoreDecimals { mantissa *= 10 }
        guard let score = Int32(exactly: mantissa) else {
            throw MatchingInstanceError(
                file: .edges, line: line, reason: .scoreOutOfRange(String(decoding: field, as: UTF8.self)))
        }
        return score
    }

    private mutating func rescale(
        by powers: Int, line: Int, field: UnsafeBufferPointer<UInt8>
    ) throws(MatchingInstanceError) {
        var factor: Int64 = 1
        for _ in 0..<powers { factor *= 10 }
        for index in pairScores.indices {
            guard let scaled = Int32(exactly: Int64(pairScores[index]) * factor) else {
                throw MatchingInstanceError(
                    file: .edges, line: line, reason: .scoreOutOfRange(String(decoding: field, as: UTF8.self)))
            }
            pairScores[index] = scaled
        }
    }
}

/// A parsed portable instance: the files' ids beside the columns a `MatchingInstance` is built from.
public struct PortableInstance: Sendable {
    public let postingIDs: [String]
    public let applicantIDs: [String]
    public let capacities: [Int]
    let pairApplicants: [Int32]
    let pairPostings: [Int32]
    let pairScores: [Int32]
    /// Scores in the instance are the file's scores times 10^scoreDecimals.
    public let scoreDecimals: Int
    let firstPairLine: Int
    let blankLines: [Int]

    public var pairCount: Int { pairScores.count }

    /// Builds the solver input; the work is timed by callers as part of solving (it is what the
    /// reference solvers do inside their timings), so it is kept out of parsing.
    public func makeMatchingInstance() throws(MatchingInstanceError) -> MatchingInstance {
        do {
            return try MatchingInstance(
                applicantCount: applicantIDs.count, postingCapacities: capacities,
                applicants: pairApplicants, postings: pairPostings, scores: pairScores)
        } catch {
            var located = error
            if let pair = error.pairIndex {
                located.pairIndex = nil
                located.file = .edges
                located.line = line(ofPair: pair)
                if case .duplicatePair = error.reason {
                    located.reason = .duplicatePair(
                        applicant: applicantIDs[Int(pairApplicants[pair])], posting: postingIDs[Int(pairPostings[pair])]
                    )
                }
            }
            throw located
        }
    }

    /// The file line holding pair number `pair`.
    public func line(ofPair pair: Int) -> Int {
        var low = 0
        var high = blankLines.count
        while low < high {
            let middle = (low + high) / 2
            if blankLines[middle] <= pair { low = middle + 1 } else { high = middle }
        }
        return firstPairLine + pair + low
    }

    /// A scaled score written back with the file's decimals, e.g. 12345 with 2 decimals is "123.45".
    public func scoreText(_ scaled: Int) -> String {
        guard scoreDecimals > 0 else { return String(scaled) }
        var divisor = 1
        for _ in 0..<scoreDecimals { divisor *= 10 }
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt(divisor)
        var fraction = String(magnitude % UInt(divisor))
        fraction = String(repeating: "0", count: scoreDecimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = scaled < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// Tracks whether a file's header line has been seen and checks it.
struct HeaderState: Sendable {
    let file: MatchingInstanceError.File
    let expected: [String]
    private(set) var seen = false

    init(file: MatchingInstanceError.File, expected: [String]) {
        self.file = file
        self.expected = expected
    }

    /// True when this line was the header.
    mutating func consume(
        _ bytes: UnsafeBufferPointer<UInt8>, _ fields: LineFields, line: Int
    ) throws(MatchingInstanceError) -> Bool {
        guard !seen else { return false }
        let names = (0..<min(fields.count, 3)).map { LineFields.text(bytes, fields[$0]).lowercased() }
        guard fields.count == expected.count, names == expected else {
            throw MatchingInstanceError(
                file: file, line: line, reason: .missingHeader(expected: expected.joined(separator: ",")))
        }
        seen = true
        return true
    }

    func requireSeen() throws(MatchingInstanceError) {
        guard seen else { throw MatchingInstanceError(file: file, line: 1, reason: .emptyFile) }
    }
}

/// Cuts a byte stream into lines across chunk boundaries, numbering them from 1.
struct LineSplitter: Sendable {
    private var carry: [UInt8] = []
    private var lineNumber = 0
    private var atStart = true

    mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(MatchingInstanceError) -> Void
    ) throws(MatchingInstanceError) {
        var lineStart = 0
        var index = 0
        if atStart && !chunk.isEmpty {
            atStart = false
            // A UTF-8 byte order mark would otherwise become part of the first header name.
            if chunk.count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
                lineStart = 3
                index = 3
            }
        }
        while index < chunk.count {
            if chunk[index] == 10 {
                lineNumber += 1
                if carry.isEmpty {
                    try body(Self.trimmingReturn(UnsafeBufferPointer(rebasing: chunk[lineStart..<index])), lineNumber)
                } else {
                    carry.append(contentsOf: chunk[lineStart..<index])
                    let whole = carry
                    carry.removeAll(keepingCapacity: true)
                    try whole.withUnsafeBufferPointer { (line) throws(MatchingInstanceError) in
                        try body(Self.trimmingReturn(line), lineNumber)
                    }
                }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < chunk.count { carry.append(contentsOf: chunk[lineStart..<chunk.count]) }
    }

    /// Delivers a last line without a line break.
    mutating func finish(
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(MatchingInstanceError) -> Void
    ) throws(MatchingInstanceError) {
        guard !carry.isEmpty else { return }
        lineNumber += 1
        let whole = carry
        carry.removeAll()
        try whole.withUnsafeBufferPointer { (line) throws(MatchingInstanceError) in
            try body(Self.trimmingReturn(line), lineNumber)
        }
    }

    private static func trimmingReturn(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let last = line.last, last == 13 else { return line }
        return UnsafeBufferPointer(rebasing: line.dropLast())
    }
}

/// The fields of one CSV line as trimmed byte ranges; only the first three are kept because no
/// line of the format has more (a longer line is reported by its `count`).
struct LineFields {
    private(set) var count = 0
    private var first = 0..<0
    private var second = 0..<0
    private var third = 0..<0

    subscript(index: Int) -> Range<Int> {
        switch index {
        case 0: first
        case 1: second
        default: third
        }
    }

    mutating func append(_ range: Range<Int>) {
        switch count {
        case 0: first = range
        case 1: second = range
        case 2: third = range
        default: break
        }
        count += 1
    }

    /// Calls `body` with the line's bytes and fields, or not at all for a blank line. Quoted
    /// fields are unquoted into a private copy first; plain lines are read in place.
    static func withFields(
        of line: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, LineFields) throws(MatchingInstanceError) -> Void
    ) throws(MatchingInstanceError) {
        if line.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
        if line.contains(UInt8(ascii: "\"")) {
            let (bytes, fields) = unquoting(line)
            try bytes.withUnsafeBufferPointer { (copy) throws(MatchingInstanceError) in try body(copy, fields) }
            return
        }
        var fields = LineFields()
        var start = 0
        for index in 0..<line.count where line[index] == UInt8(ascii: ",") {
            fields.append(trimmed(line, start..<index))
            start = index + 1
        }
        fields.append(trimmed(line, start..<line.count))
        try body(line, fields)
    }

    static func text(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
    }

    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && (line[lower] == 32 || line[lower] == 9) { lower += 1 }
        while upper > lower && (line[upper - 1] == 32 || line[upper - 1] == 9) { upper -= 1 }
        return lower..<upper
    }

    /// RFC 4180 within one line: a field may be wrapped in quotes, with "" standing for a quote.
    private static func unquoting(_ line: UnsafeBufferPointer<UInt8>) -> ([UInt8], LineFields) {
        var bytes: [UInt8] = []
        var fields = LineFields()
        var fieldStart = 0
        var index = 0
        var inQuotes = false
        var wasQuoted = false
        func close() {
            var range = fieldStart..<bytes.count
            if !wasQuoted {
                var lower = range.lowerBound
                var upper = range.upperBound
                while lower < upper && (bytes[lower] == 32 || bytes[lower] == 9) { lower += 1 }
                while upper > lower && (bytes[upper - 1] == 32 || bytes[upper - 1] == 9) { upper -= 1 }
                range = lower..<upper
            }
            fields.append(range)
        }
        while index < line.count {
            let byte = line[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < line.count && line[index] == UInt8(ascii: "\"") {
                        bytes.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    bytes.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                close()
                fieldStart = bytes.count
                wasQuoted = false
            } else if byte == UInt8(ascii: "\"") && !wasQuoted
                && bytes[fieldStart...].allSatisfy({ $0 == 32 || $0 == 9 })
            {
                bytes.removeSubrange(fieldStart...)
                inQuotes = true
                wasQuoted = true
            } else if wasQuoted && (byte == 32 || byte == 9) {
                continue  // spaces after a closing quote
            } else {
                bytes.append(byte)
            }
        }
        close()
        return (bytes, fields)
    }
}
