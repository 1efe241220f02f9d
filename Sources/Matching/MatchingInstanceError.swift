/// Why an instance could not be built, and where: the file and line for the portable format, or the
/// position in the caller's pairs. One type for both so the CLI and the server report alike.
public struct MatchingInstanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The two files of the portable format.
    public enum File: String, Sendable, Equatable {
        case postings = "postings file"
        case edges = "edges file"
    }

    public enum Reason: Sendable, Equatable {
        case emptyFile
        case missingHeader(expected: String)
        case wrongColumnCount(expected: Int, found: Int)
        case emptyField(column: String)
        case invalidCapacity(String)
        case negativeCapacity(String)
        case invalidScore(String)
        /// The score has more decimals than can be scaled exactly to 32-bit integers.
        case scoreOutOfRange(String)
        case duplicatePosting(String)
        case unknownPosting(String)
        case duplicatePair(applicant: String, posting: String)
        case indexOutOfRange
        case capacityOutOfRange
        case tooLarge
    }

    public var file: File?
    /// 1-based line number in `file`.
    public var line: Int?
    /// Position in the pairs handed to `MatchingInstance.init`, when built from values.
    public var pairIndex: Int?
    public var reason: Reason

    public init(file: File? = nil, line: Int? = nil, pairIndex: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.pairIndex = pairIndex
        self.reason = reason
    }

    public var description: String {
        var location = ""
        if let file { location += file.rawValue }
        if let line { location += location.isEmpty ? "line \(line)" : ", line \(line)" }
        if let pairIndex { location += location.isEmpty ? "pair \(pairIndex)" : ", pair \(pairIndex)" }
        return location.isEmpty ? explanation : "\(location): \(explanation)"
    }

    /// The reason alone, without the location.
    public var explanation: String {
        switch reason {
        case .emptyFile: "the file is empty"
        case .missingHeader(let expected): "missing header, expected \"\(expected)\""
        case .wrongColumnCount(let expected, let found): "expected \(expected) columns, found \(found)"
        case .emptyField(let column): "empty \(column)"
        case .invalidCapacity(let text): "capacity \"\(text)\" is not a whole number"
        case .negativeCapacity(let text): "capacity \(text) is negative"
        case .invalidScore(let text): "score \"\(text)\" is not a number"
        case .scoreOutOfRange(let text): "score \(text) is too large or has too many decimals"
        case .duplicatePosting(let id): "posting \"\(id)\" is listed twice"
        case .unknownPosting(let id): "posting \"\(id)\" is not in the postings file"
        case .duplicatePair(let applicant, let posting):
            "pair applicant \"\(applicant)\", posting \"\(posting)\" is listed twice"
        case .indexOutOfRange: "applicant or posting index out of range"
        case .capacityOutOfRange: "capacity out of range"
        case .tooLarge: "more applicants, postings or pairs than 32-bit indices allow"
        }
    }
}
