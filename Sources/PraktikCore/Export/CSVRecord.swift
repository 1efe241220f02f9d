/// One record of a CSV file, with the line it starts on (a quoted field may span lines) so that an
/// import can tell the person exactly where a problem is.
public struct CSVRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String]
    /// Set when the record is malformed; its fields are then what could be read.
    public let problem: CSVProblem?

    public init(line: Int, fields: [String], problem: CSVProblem? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}

/// Why a record could not be read as RFC 4180 says; `code` is a stable translation key.
public enum CSVProblem: String, Error, Sendable, Hashable, CaseIterable {
    /// A quoted field that never closes: everything after its opening quote is lost.
    case unterminatedQuote = "csv.unterminated-quote"
    /// A quote inside an unquoted field, or text after a closing quote (`"a"b`).
    case strayQuote = "csv.stray-quote"

    public var code: String { rawValue }
}
